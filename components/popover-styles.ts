/**
 * The popover's styles, applied inside its shadow root. Sizes are in px,
 * not rem: rem would follow the page's root font size.
 */
export const POPOVER_CSS = `
:host { all: initial; }
.card {
  box-sizing: border-box; width: 340px; max-width: calc(100vw - 16px); max-height: min(70vh, var(--dossier-room, 70vh)); overflow: auto;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #fff;
  border: 1px solid #c9d1d9; border-radius: 10px; box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: 12px 14px;
  animation: dossier-in .12s ease-out; outline: none; text-align: left; direction: ltr;
}
.card:focus-visible { box-shadow: 0 0 0 3px #4c8dff, 0 8px 28px rgba(0,0,0,.18); }
@keyframes dossier-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
h2 { margin: 0; font-size: 17px; font-weight: 650; line-height: 1.3; }
.type { margin: 2px 0 0; font-size: 12px; color: #57606a; text-transform: capitalize; }
.close { all: unset; cursor: pointer; font-size: 20px; line-height: 1; padding: 2px 6px; border-radius: 6px; color: #57606a; }
.close:hover, .close:focus-visible { background: #eef1f4; outline: 2px solid #4c8dff; }
.description { margin: 8px 0; }
.muted { color: #57606a; margin: 8px 0; }
.facts { margin: 8px 0; display: grid; gap: 3px; }
.fact { display: grid; grid-template-columns: 96px 1fr; gap: 8px; }
dt { color: #57606a; font-size: 12px; padding-top: 1px; }
dd { margin: 0; }
.dates { color: #57606a; }
.label { display: block; font-size: 12px; color: #57606a; margin-bottom: 2px; }
.aliases { margin: 8px 0; }
.aliases .label { display: inline; margin-right: 4px; }
.related ul, .library ul { margin: 0 0 8px; padding-left: 18px; }
footer { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; font-size: 12px; color: #57606a; margin-top: 8px; }
a { color: #0b5cd5; }
.actions { margin-top: 10px; display: flex; gap: 10px; align-items: center; }
.save { font: inherit; font-size: 13px; padding: 5px 12px; border-radius: 7px; border: 1px solid #0b5cd5; background: #0b5cd5; color: #fff; cursor: pointer; }
.save:disabled { opacity: .7; cursor: default; }
.save:focus-visible { outline: 3px solid #4c8dff; outline-offset: 2px; }
.error { color: #b42318; font-size: 12px; }
.alternatives ul { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.alt { display: block; width: 100%; text-align: left; font: inherit; font-size: 13px; padding: 3px 9px; border-radius: 6px; border: 1px solid #c9d1d9; background: #f6f8fa; color: inherit; cursor: pointer; }
.alt-type { display: block; color: #57606a; font-size: 11px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.alt:hover, .alt:focus-visible { border-color: #0b5cd5; outline: 2px solid #4c8dff; outline-offset: 1px; }
.wrong { margin-top: 8px; font-size: 13px; }
.wrong summary { cursor: pointer; color: #57606a; width: max-content; border-radius: 4px; }
.wrong summary:focus-visible { outline: 2px solid #4c8dff; }
.wrong ul { margin: 4px 0 0; padding-left: 18px; }
.link { all: unset; cursor: pointer; color: #0b5cd5; text-decoration: underline; text-underline-offset: 2px; border-radius: 3px; }
.link:focus-visible { outline: 2px solid #4c8dff; outline-offset: 1px; }
.notice { margin: 8px 0 0; font-size: 13px; padding: 6px 8px; border-radius: 6px; background: #eef6ee; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6edf3; background: #1c2128; border-color: #444c56; box-shadow: 0 8px 28px rgba(0,0,0,.5); }
  .type, .muted, dt, .dates, .label, footer, .close { color: #9da7b3; }
  .close:hover { background: #2d333b; }
  a { color: #6cb6ff; }
  .save { background: #316dca; border-color: #316dca; }
  .error { color: #ff938a; }
  .alt { background: #22272e; border-color: #444c56; }
  .alt-type, .wrong summary { color: #9da7b3; }
  .link { color: #6cb6ff; }
  .notice { background: #1f3324; }
}
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
`;
