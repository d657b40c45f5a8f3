import Link from "next/link";

export default function ProjectNotFound() {
  return (
    <section className="card" aria-labelledby="not-found-title">
      <div className="empty-state">
        <h1 id="not-found-title" className="page-title">
          Project not found
        </h1>
        <p>There is no project at this address, or it belongs to someone else.</p>
        <Link href="/projects">Back to your projects</Link>
      </div>
    </section>
  );
}
