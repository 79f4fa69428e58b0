// `npm run package`: production build and a .vsix in .artifacts/, with its size and contents checked
// (the same checks the e2e tier runs before installing the package into code-server).
import { buildVsix, vsixProblems, VSIX_BUDGET_BYTES } from './e2e/vsix.mjs';

try {
  const built = buildVsix();
  const problems = vsixProblems(built);
  if (problems.length) throw new Error(problems.join('\n  '));
  console.log(`ok: ${(built.size / 1024).toFixed(0)} KB of a ${VSIX_BUDGET_BYTES / 1024} KB budget`);
  console.log(`install it with: code --install-extension ${built.vsix}`);
} catch (e) {
  console.error(`[package] FAILED: ${e.message}`);
  process.exit(1);
}
