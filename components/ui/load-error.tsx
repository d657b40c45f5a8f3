import { Button } from "./button";

/** What a list shows when it could not be loaded, with a way to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  return (
    <div className="stack">
      <p className="form-alert">
        The {what} could not be loaded: {error.message}
      </p>
      <div>
        <Button type="button" variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      </div>
    </div>
  );
}
