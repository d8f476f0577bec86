/** Content script entry: thin; everything runs inside main() under WXT's context. */
import { defineContentScript } from '#imports';
import { startDossier } from './controller';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startDossier(ctx);
  },
});
