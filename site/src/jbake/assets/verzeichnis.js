/*
 * Fachkraftallianz – filters the directory of virtual channels in place.
 *
 * Without this script every filter link opens its own baked page (/virtuelle-angebote/kanal/telefon/ …), which
 * lists only the matching entries. With it, a click on a filter shows the matching entries of the full list at
 * once and puts the filter page's address into the address bar (history.pushState), so that address, reload,
 * bookmarks and the back button keep working. Everything the script shows (heading, count, page title) is taken
 * from the link's data attributes, which the same template writes that renders the filter pages.
 *
 * The full list is on /virtuelle-angebote/ itself (data-vollstaendig); on a filter page the script fetches it the
 * first time it is needed. If that fails, the link is simply followed.
 */
(function () {
  'use strict';

  var root = document.querySelector('[data-verzeichnis]');
  if (!root || !window.fetch || !window.DOMParser || !window.history || !history.pushState) {
    return;
  }
  var complete = root.hasAttribute('data-vollstaendig') ? Promise.resolve() : null;

  function links() {
    return Array.prototype.slice.call(root.querySelectorAll('a[data-filter]'));
  }

  function list() {
    return root.querySelector('[data-eintraege]');
  }

  /** The filter link of a path ("/virtuelle-angebote/kanal/telefon/"), or null. */
  function linkFor(path) {
    return links().filter(function (a) { return a.pathname === path; })[0] || null;
  }

  /** Resolves once the list holds every entry: fetches the full listing the first time on a filter page. */
  function loadAll() {
    if (!complete) {
      complete = fetch(root.getAttribute('data-alle'), { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var full = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-eintraege]');
          if (!full) {
            throw new Error('no list');
          }
          list().replaceWith(document.importNode(full, true));
        });
      complete.catch(function () { complete = null; });
    }
    return complete;
  }

  function matches(entry, link) {
    var kind = link.getAttribute('data-filter');
    if (kind === 'alle') {
      return true;
    }
    var values = (entry.getAttribute('data-' + kind) || '').split(' ');
    return values.indexOf(link.getAttribute('data-wert')) >= 0;
  }

  /** Shows the entries of a filter and everything around them as the filter's own page shows it. */
  function show(link) {
    var previous = root.querySelector('a[data-filter][aria-current]') || link;
    var suffix = document.title.slice(previous.getAttribute('data-seitentitel').length);
    Array.prototype.forEach.call(list().children, function (entry) {
      entry.hidden = !matches(entry, link);
    });
    links().forEach(function (a) {
      if (a === link) {
        a.setAttribute('aria-current', 'page');
      } else {
        a.removeAttribute('aria-current');
      }
    });
    root.querySelector('[data-treffer-titel]').textContent = link.getAttribute('data-ueberschrift');
    root.querySelector('[data-treffer-anzahl]').textContent = link.getAttribute('data-anzahl');
    document.title = link.getAttribute('data-seitentitel') + suffix;
    // Links elsewhere that point to "this page" (the last breadcrumb) follow the new address.
    Array.prototype.forEach.call(document.querySelectorAll('a[aria-current="page"]'), function (a) {
      if (!root.contains(a) && a.pathname === previous.pathname) {
        a.setAttribute('href', link.getAttribute('href'));
      }
    });
  }

  root.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-filter]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
        || event.altKey) {
      return;
    }
    event.preventDefault();
    loadAll().then(function () {
      var moved = link.pathname !== location.pathname;
      show(link);
      if (moved) {
        history.pushState({ verzeichnis: link.pathname }, '', link.href);
      }
    }, function () {
      location.assign(link.href);
    });
  });

  // Back and forward between filters: show what the address stands for.
  window.addEventListener('popstate', function () {
    var link = linkFor(location.pathname);
    if (!link) {
      return;
    }
    loadAll().then(function () { show(link); }, function () { location.reload(); });
  });
})();
