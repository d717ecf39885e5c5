// `npm run web`: builds the app and runs the browser host, which serves the Settings window on
// 127.0.0.1 backed by the same main-process services. Arguments pass through (e.g. `-- --port 8080`).
import { spawn } from 'node:child_process';

await import('./build.mjs');

const host = spawn(process.execPath, ['out/main/web.js', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
