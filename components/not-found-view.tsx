/**
 * The 404 page's body: what happened and the ways back (the header's navigation is there too inside the
 * app). Plain links: next/link here would add its code to every page's first load (the root not-found
 * boundary ships with each page), for a page people rarely see.
 */
export function NotFoundView() {
  return (
    <section className="card not-found" aria-labelledby="not-found-title">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title" className="page-title">
        Page not found
      </h1>
      <p className="muted">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <div className="row not-found-actions">
        <a href="/" className="button">
          Go to the timer
        </a>
        <a href="/overview" className="button button-secondary">
          See the overview
        </a>
      </div>
    </section>
  );
}
