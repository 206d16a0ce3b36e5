// Progressive enhancement: pages work without this file where they can.
document.addEventListener('DOMContentLoaded', () => {
  // Keep the scan field focused so a keyboard-wedge scanner always types into it.
  const scan = document.querySelector('form.scan input[name=q]');
  if (scan) scan.focus();

  // <form data-upload action="..." data-csrf="..."> with one <input type=file>: the file is sent as the
  // raw request body (no multipart), then the page follows where the server redirects or shows its message.
  document.querySelectorAll('form[data-upload]').forEach((form) => {
    const status = form.querySelector('[data-upload-status]');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = form.querySelector('input[type=file]');
      const file = input && input.files[0];
      const say = (text) => { if (status) status.textContent = text; };
      if (!file) { say('Choisissez d\u2019abord un fichier.'); return; }
      say('Envoi en cours\u2026');
      const button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          body: file,
          headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': form.dataset.csrf },
          credentials: 'same-origin',
        });
        if (response.redirected) { window.location.href = response.url; return; }
        const type = response.headers.get('Content-Type') || '';
        if (type.includes('application/json')) {
          const body = await response.json();
          if (body.location) { window.location.href = body.location; return; }
          say(body.message || (response.ok ? 'Fichier envoyé.' : 'Échec de l\u2019envoi.'));
        } else {
          say(response.ok ? 'Fichier envoyé.' : 'Échec de l\u2019envoi (' + response.status + ').');
        }
      } catch (e) {
        say('Le serveur ne répond pas : vérifiez la connexion et réessayez.');
      } finally {
        if (button) button.disabled = false;
      }
    });
  });
});

// Scan station: the field stays focused so a keyboard-wedge scanner always types into it, even after a
// click on empty space; a deliberate move to another field or button is left alone.
document.addEventListener('DOMContentLoaded', () => {
  const field = document.querySelector('[data-keep-focus]');
  if (!field) return;
  field.focus();
  field.addEventListener('blur', () => {
    setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body) field.focus();
    }, 0);
  });
});
