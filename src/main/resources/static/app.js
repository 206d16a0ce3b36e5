// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Keep the scan field focused so a keyboard-wedge scanner always types into it.
  const scan = document.querySelector('form.scan input[name=q]');
  if (scan) scan.focus();
});
