// The dashboard's charts, drawn from the JSON the page carries (no second request); a table of the same numbers sits
// beside each. Redrawn when the theme changes.
(function () {
  'use strict';
  var source = document.getElementById('chart-data');
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var labels = document.getElementById('chart-labels').dataset;
  var lang = document.querySelector('meta[name="llm402-lang"]').content === 'zh-CN' ? 'ZH' : 'EN';
  var reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var charts = [];

  function name(value) { return value === '' ? labels.other : value; }

  function options(kind) {
    var base = { animation: !reduced, aria: { enabled: true }, backgroundColor: 'transparent',
                 tooltip: { trigger: kind === 'share' || kind === 'ranking' ? 'item' : 'axis' },
                 grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true } };
    if (kind === 'spend' || kind === 'requests') {
      var series = data[kind].map(function (s) {
        return kind === 'spend'
          ? { name: name(s.name), type: 'bar', stack: 'spend', data: s.data }
          : { name: name(s.name), type: 'line', showSymbol: false, data: s.data };
      });
      return Object.assign(base, { legend: { type: 'scroll', top: 0 },
        xAxis: { type: 'category', data: data.labels }, yAxis: { type: 'value' }, series: series });
    }
    if (kind === 'mix') {
      var names = [labels.input, labels.cached, labels.cacheWrite, labels.output];
      return Object.assign(base, { legend: { top: 0 }, xAxis: { type: 'category', data: data.labels },
        yAxis: { type: 'value' },
        series: data.mix.map(function (values, i) {
          return { name: names[i], type: 'line', stack: 'tokens', areaStyle: {}, showSymbol: false, data: values };
        }) });
    }
    if (kind === 'share') {
      return Object.assign(base, { legend: { type: 'scroll', top: 0 }, series: [{ type: 'pie', radius: ['40%', '70%'],
        top: 24, data: data.share.map(function (s) { return { name: name(s.name), value: s.value }; }) }] });
    }
    var ranking = data.ranking.slice().reverse();
    return Object.assign(base, { grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' }, yAxis: { type: 'category', data: ranking.map(function (r) { return name(r.name); }) },
      series: [{ type: 'bar', data: ranking.map(function (r) { return r.value; }) }] });
  }

  function draw() {
    charts.forEach(function (chart) { chart.dispose(); });
    charts = [];
    var dark = document.documentElement.getAttribute('data-bs-theme') === 'dark';
    document.querySelectorAll('.chart[data-chart]').forEach(function (element) {
      var chart = window.echarts.init(element, dark ? 'dark' : null, { renderer: 'svg', locale: lang });
      element.removeAttribute('data-ready');
      // Marked ready once drawn and animated: what a reader (or a screenshot) sees is then the final chart.
      chart.on('finished', function () { element.setAttribute('data-ready', 'true'); });
      chart.setOption(options(element.dataset.chart));
      charts.push(chart);
    });
  }

  draw();
  document.addEventListener('llm402:theme', draw);
  window.addEventListener('resize', function () { charts.forEach(function (chart) { chart.resize(); }); });
})();
