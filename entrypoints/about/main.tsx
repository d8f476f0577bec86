/** About page entry. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AboutApp } from '@/components/AboutApp';
import '@/components/page-styles.css';
import { askBackground } from '@/utils/client';
import type { Manifest } from '@/utils/dataset/schema';

function About() {
  const [manifest, setManifest] = useState<Manifest | null | undefined>(undefined);
  useEffect(() => { void askBackground('getManifest', {}).then(setManifest, () => setManifest(null)); }, []);
  return <AboutApp manifest={manifest} />;
}

render(<About />, document.getElementById('app')!);
