// Runs in <head>, before the page is painted: the saved theme (or the system's) applies without a flash.
(function () {
  var saved = null;
  try { saved = localStorage.getItem('llm402-theme'); } catch (e) { /* storage blocked: follow the system */ }
  var dark = saved ? saved === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.setAttribute('data-bs-theme', dark ? 'dark' : 'light');
})();
