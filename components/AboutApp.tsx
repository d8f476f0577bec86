/** The About page: what Dossier is, the privacy promise, and every data source's credit and licence. */
import type { Manifest } from '../utils/dataset/schema';

export function AboutApp({ manifest }: { manifest: Manifest | null | undefined }) {
  return (
    <main class="page">
      <h1>About Dossier</h1>
      <p>
        Dossier marks the people, organizations, places and events it knows on the news pages you read, and
        explains who or what they are when you click one. You can save pages to a library on your computer.
      </p>
      <h2>Nothing leaves your browser</h2>
      <p>
        Dossier works entirely offline from a dataset bundled with the extension. It makes no network requests,
        has no telemetry, and never sends the text of the pages you read anywhere. Saved pages stay in this
        browser's storage until you delete them.
      </p>
      <h2>Data sources and licences</h2>
      {manifest === undefined && <p class="muted">Loading…</p>}
      {manifest === null && <p class="error">The dataset manifest could not be read.</p>}
      {manifest && (
        <>
          <p class="muted">
            Dataset version {manifest.version} · {manifest.counts.total.toLocaleString()} entities ·{' '}
            {manifest.counts.names.toLocaleString()} names
          </p>
          <table aria-label="Data sources">
            <thead>
              <tr><th scope="col">Source</th><th scope="col">Licence</th><th scope="col">Attribution</th><th scope="col">As of</th><th scope="col">Records</th></tr>
            </thead>
            <tbody>
              {manifest.sources.map((s) => (
                <tr key={s.id} class="source">
                  <td>{s.title}</td>
                  <td>{s.licence}</td>
                  <td>{s.attribution}</td>
                  <td>{s.asOf}</td>
                  <td>{s.records.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
