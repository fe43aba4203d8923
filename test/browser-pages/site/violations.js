// A classic script, so it runs before the module graph starts compiling WebAssembly:
// records what the page's CSP refused, so tests can tell "blocked by CSP" from a bug.
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
});
