/** @jsxImportSource preact */
// Entry of the cadre's phone app at /m/.
import { render } from 'preact';
import { App } from './app.tsx';
import { currentLanguage } from './i18n.ts';
import { registerServiceWorker } from './updates.ts';

document.documentElement.lang = currentLanguage() === 'zh' ? 'zh-CN' : 'en';
render(<App />, document.getElementById('app')!);
registerServiceWorker();
