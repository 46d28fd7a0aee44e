// The console's behaviour. Every change goes to the management API (/api/...) with the New-Api-User header, exactly
// as new-api's console sends it; pages themselves are read-only.
(function () {
  'use strict';

  var userMeta = document.querySelector('meta[name="llm402-user"]');
  var userNumber = userMeta ? userMeta.content : null;

  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (userNumber) { headers['New-Api-User'] = userNumber; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return { success: false, message: response.statusText }; })
        .then(function (json) {
          if (!response.ok || json.success === false) {
            throw new Error(json.message || ('HTTP ' + response.status));
          }
          return json;
        });
    });
  }

  function announce(text) {
    var region = document.getElementById('announcer');
    if (region) { region.textContent = text; }
  }

  function showError(id, error) {
    var element = document.getElementById(id);
    if (element) {
      element.textContent = error.message;
      element.classList.remove('d-none');
    }
  }

  function on(id, event, handler) {
    var element = document.getElementById(id);
    if (element) { element.addEventListener(event, handler); }
  }

  // Theme: the toggle flips and remembers it; charts redraw in the new colours.
  function applyThemeLabel() {
    var button = document.getElementById('theme-toggle');
    if (!button) { return; }
    var dark = document.documentElement.getAttribute('data-bs-theme') === 'dark';
    button.textContent = dark ? button.dataset.light : button.dataset.dark;
    button.setAttribute('aria-pressed', dark ? 'true' : 'false');
  }
  on('theme-toggle', 'click', function () {
    var dark = document.documentElement.getAttribute('data-bs-theme') !== 'dark';
    document.documentElement.setAttribute('data-bs-theme', dark ? 'dark' : 'light');
    try { localStorage.setItem('llm402-theme', dark ? 'dark' : 'light'); } catch (e) { /* not remembered */ }
    applyThemeLabel();
    document.dispatchEvent(new CustomEvent('llm402:theme'));
  });
  applyThemeLabel();

  on('logout', 'click', function () {
    api('POST', '/api/user/logout').catch(function () { /* already logged out */ })
      .then(function () { window.location.assign('/console/login'); });
  });

  // Login: the password step, then the second factor when the account has one.
  on('login-form', 'submit', function (event) {
    event.preventDefault();
    var form = event.target;
    api('POST', '/api/user/login', { username: form.username.value, password: form.password.value })
      .then(function (json) {
        if (json.data && json.data.require_2fa) {
          form.classList.add('d-none');
          document.getElementById('twofa-form').classList.remove('d-none');
          document.getElementById('code').focus();
          return;
        }
        window.location.assign('/console');
      })
      .catch(function (error) { showError('login-error', error); document.getElementById('password').focus(); });
  });
  // The logins /api/status says are usable; an external login comes back here with its outcome in the query.
  if (document.getElementById('login-form')) {
    fetch('/api/status', { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (json) {
        var status = json.data || {};
        var any = false;
        [['github_oauth', 'login-github'], ['linuxdo_oauth', 'login-linuxdo'], ['oidc_enabled', 'login-oidc']]
          .forEach(function (login) {
            if (status[login[0]]) { document.getElementById(login[1]).classList.remove('d-none'); any = true; }
          });
        if (status.telegram_oauth && status.telegram_bot_name) {
          var holder = document.getElementById('login-telegram');
          var widget = document.createElement('script');
          widget.async = true;
          widget.src = 'https://telegram.org/js/telegram-widget.js?22';
          widget.setAttribute('data-telegram-login', status.telegram_bot_name);
          widget.setAttribute('data-size', 'large');
          widget.setAttribute('data-auth-url', '/api/oauth/telegram/login/redirect');
          holder.appendChild(widget);
          holder.classList.remove('d-none');
          any = true;
        }
        if (any && query.get('step') !== '2fa') {
          document.getElementById('external-logins').classList.remove('d-none');
        }
      })
      .catch(function () { /* password login only */ });
    var query = new URLSearchParams(window.location.search);
    var failed = document.getElementById('login-error');
    if (query.get('error')) {
      // Shown as text under a fixed prefix, and cut short: the query is not the gateway's to vouch for.
      showError('login-error', new Error(failed.dataset.externalPrefix + ' ' + query.get('error').slice(0, 200)));
    }
    if (query.get('step') === '2fa') {
      document.getElementById('login-form').classList.add('d-none');
      document.getElementById('external-logins').classList.add('d-none');
      document.getElementById('twofa-form').classList.remove('d-none');
    }
  }
  on('twofa-form', 'submit', function (event) {
    event.preventDefault();
    api('POST', '/api/user/login/2fa', { code: event.target.code.value.trim() })
      .then(function () { window.location.assign('/console'); })
      .catch(function (error) { showError('login-error', error); document.getElementById('code').focus(); });
  });

  function list(value) {
    return value.split(',').map(function (item) { return item.trim(); }).filter(function (item) { return item; });
  }

  // Keys: create (the key is shown once), enable and disable.
  on('key-create', 'submit', function (event) {
    event.preventDefault();
    var form = event.target;
    var limit = form.limit.value.trim();
    var models = list(form.models.value);
    var expiry = form.expiry.value ? Math.floor(new Date(form.expiry.value + 'T23:59:59Z').getTime() / 1000) : -1;
    api('POST', '/api/token/', {
      name: form.name.value.trim(),
      unlimited_quota: limit === '',
      // new-api counts 500,000 quota per USD.
      remain_quota: limit === '' ? 0 : Math.round(parseFloat(limit) * 500000),
      expired_time: expiry,
      model_limits_enabled: models.length > 0,
      model_limits: models.join(','),
      allow_ips: list(form.ips.value).join(',')
    }).then(function (json) {
      document.getElementById('key-create-error').textContent = '';
      document.getElementById('key-value').value = json.data.key;
      document.getElementById('key-created').classList.remove('d-none');
      document.getElementById('key-value').focus();
      document.getElementById('key-value').select();
      form.reset();
      htmxRefresh('#keys-table');
    }).catch(function (error) { showError('key-create-error', error); });
  });
  on('key-copy', 'click', function (event) {
    var value = document.getElementById('key-value').value;
    var done = function () { event.target.textContent = event.target.dataset.copied; announce(event.target.dataset.copied); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done, function () { legacyCopy(); done(); });
    } else {
      legacyCopy();
      done();
    }
  });
  function legacyCopy() {
    var input = document.getElementById('key-value');
    input.select();
    document.execCommand('copy');
  }

  // Reloads one element of the current page in place (the table after a change).
  function htmxRefresh(selector) {
    if (window.htmx && document.querySelector(selector)) {
      window.htmx.ajax('GET', window.location.pathname + window.location.search,
        { target: selector, select: selector, swap: 'outerHTML' });
    } else {
      window.location.reload();
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) { return; }
    if (button.classList.contains('key-toggle')) {
      api('PUT', '/api/token/?status_only=true', { id: Number(button.dataset.id), status: Number(button.dataset.status) })
        .then(function () { htmxRefresh('#keys-table'); })
        .catch(function (error) { window.alert(error.message); });
    } else if (button.classList.contains('channel-toggle')) {
      api('PUT', '/api/channel/', { id: Number(button.dataset.id), status: Number(button.dataset.status) })
        .then(function () { htmxRefresh('#channels-table'); })
        .catch(function (error) { window.alert(error.message); });
    } else if (button.classList.contains('channel-test')) {
      button.disabled = true;
      api('GET', '/api/channel/test/' + button.dataset.id)
        .then(function () { htmxRefresh('#channels-table'); })
        .catch(function (error) { window.alert(error.message); htmxRefresh('#channels-table'); });
    } else if (button.classList.contains('table-toggle')) {
      var table = document.getElementById(button.getAttribute('aria-controls'));
      var showing = table.classList.toggle('d-none') === false;
      button.setAttribute('aria-expanded', showing ? 'true' : 'false');
    } else if (button.classList.contains('receipt-toggle')) {
      var row = document.getElementById(button.getAttribute('aria-controls'));
      var open = row.classList.toggle('d-none') === false;
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
  });

  // Channels: add one; priority and weight are saved as soon as a field changes.
  on('channel-create', 'submit', function (event) {
    event.preventDefault();
    var form = event.target;
    var keys = form.key.value.split('\n').map(function (k) { return k.trim(); }).filter(Boolean);
    api('POST', '/api/channel/', {
      mode: keys.length > 1 ? 'multi_to_single' : 'single',
      multi_key_mode: form.multi_key_mode.value,
      channel: {
        type: Number(form.type.value), name: form.name.value.trim(), base_url: form.base_url.value.trim(),
        key: keys.join('\n'), models: list(form.models.value).join(','), group: list(form.group.value).join(','),
        priority: Number(form.priority.value || 0), weight: Number(form.weight.value || 1)
      }
    }).then(function () {
      form.reset();
      htmxRefresh('#channels-table');
      document.getElementById('channel-create-error').textContent = '';
    }).catch(function (error) { showError('channel-create-error', error); });
  });
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains('channel-field')) { return; }
    var body = { id: Number(input.dataset.id) };
    body[input.dataset.field] = Number(input.value);
    api('PUT', '/api/channel/', body)
      .then(function () { input.classList.remove('is-invalid'); input.classList.add('is-valid'); })
      .catch(function (error) { input.classList.add('is-invalid'); input.title = error.message; });
  });

  // htmx swaps: busy state while loading, and the screen reader hears what came in.
  document.addEventListener('htmx:beforeRequest', function (event) { event.target.setAttribute('aria-busy', 'true'); });
  document.addEventListener('htmx:afterSwap', function (event) {
    event.target.removeAttribute('aria-busy');
    if (event.target.closest && event.target.closest('.receipt-row')) {
      announce(event.target.textContent.trim().slice(0, 80));
    }
  });
})();
