/** Library page entry. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LibraryApp } from '@/components/LibraryApp';
import '@/components/page-styles.css';
import { askBackground } from '@/utils/client';
import type { SavedPage } from '@/utils/pages';

function Library() {
  const [pages, setPages] = useState<SavedPage[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const load = () => askBackground('listPages', {}).then(setPages, (e: unknown) => setError(String(e)));
  useEffect(() => { void load(); }, []);
  return (
    <LibraryApp
      pages={pages}
      error={error}
      onDelete={(url) => void askBackground('deletePage', { url }).then(load, (e: unknown) => setError(String(e)))}
    />
  );
}

render(<Library />, document.getElementById('app')!);
