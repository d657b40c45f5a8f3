import { userContext } from "@/lib/context";

export const metadata = { title: "Timer" };

export default async function HomePage() {
  const { user } = await userContext();
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Hello, {user.name}</h1>
      <p className="muted">
        Your times are shown in <strong>{user.timezone}</strong>; your week starts on{" "}
        {new Intl.DateTimeFormat("en", { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2023, 0, 1 + user.weekStart)))}.
      </p>
    </section>
  );
}
