/** A field's hint and errors under it, with the ids its control names in aria-describedby. */
export function FieldMessages({ hintId, hint, errorId, errors }: { hintId?: string; hint?: React.ReactNode; errorId?: string; errors?: string[] }) {
  return (
    <>
      {hint && hintId && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}
