// The battle map's only script (the CSP allows no inline script). Three jobs: drop the one-time token
// from the address bar, keep a wall screen fresh, draw the zones' trend chart.
(function () {
  'use strict'

  // The token is spent; leaving it in the address bar would put it in history, bookmarks and screenshots.
  var url = new URL(window.location.href)
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
  }

  // Wall screens: reload every few minutes, but only when the server answers (asked for a small static
  // file), so a network blip does not leave the browser's own error page on the wall for the rest of the day.
  var refresh = Number(document.body.getAttribute('data-refresh') || 0)
  function reloadWhenUp() {
    fetch('/map/static/map.css', { method: 'HEAD', cache: 'no-store' })
      .then(function (r) {
        if (r.ok) window.location.reload()
        else setTimeout(reloadWhenUp, 60000)
      })
      .catch(function () { setTimeout(reloadWhenUp, 60000) })
  }
  if (refresh > 0) setTimeout(reloadWhenUp, refresh * 1000)

  var data = document.getElementById('trend-data')
  var canvas = document.getElementById('trend-chart')
  if (data && canvas && window.Chart) {
    var trend = JSON.parse(data.textContent || '{}')
    var colors = ['#c62828', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#455a64']
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: trend.months,
        datasets: trend.series.map(function (s, i) {
          var c = colors[i % colors.length]
          return { label: s.name, data: s.scores, borderColor: c, backgroundColor: c, spanGaps: true, tension: 0.2 }
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: refresh > 0 ? false : undefined,
        scales: { y: { suggestedMin: 0, suggestedMax: 100, title: { display: true, text: '得分' } } },
        plugins: { legend: { position: 'bottom' } },
      },
    })
    document.body.classList.add('has-chart')
  }
})()
