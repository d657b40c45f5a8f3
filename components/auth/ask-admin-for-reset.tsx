/** Where "Forgot password?" would be when this Stint cannot send mail: the way that works without it. */
export function AskAdminForReset() {
  return (
    <p className="muted">
      Forgot your password? Ask your Stint admin for a reset link: they run <code>stint user reset-password --email</code> with your email
      address.
    </p>
  );
}
