import type { ButtonHTMLAttributes } from "react";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary"; block?: boolean };

export function Button({ variant = "primary", block, className, ...rest }: Props) {
  const classes = ["button", variant === "secondary" && "button-secondary", block && "button-block", className];
  return <button {...rest} className={classes.filter(Boolean).join(" ")} />;
}
