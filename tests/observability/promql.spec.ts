import { exposedSeriesNames, grafanaVariableMetricNames, promqlMetricNames } from './promql';

describe('reading metric names from PromQL', () => {
  it.each([
    ['histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{route!~"/health|/ready"}[5m])))', ['http_request_duration_seconds_bucket']],
    ['count(max by (service, target) (circuit_breaker_state) == 2) or vector(0)', ['circuit_breaker_state']],
    ['a / on (service) group_left (le) b offset 5m', ['a', 'b']],
    ['x * on(instance) group_left y', ['x', 'y']],
    ['{__name__="up", job="api"} == 0', ['up']],
    ['absent(generation_queue_jobs)', ['generation_queue_jobs']],
    ['max_over_time(sum by (path) (socketio_connected_sockets{path=~"$path"})[10m:30s]) >= 20', ['socketio_connected_sockets']],
    ['sum without (instance) (rate(c_total[$__rate_interval])) > bool 1e-3', ['c_total']],
    ['sum(rate(m{service=~"${service}", route="a,b(c)"}[5m])) / 2 and foo:recorded', ['m', 'foo:recorded']],
    ['topk(5, sum by (route) (rate(z[1h30m])))', ['z']],
  ])('%s', (expr, names) => {
    expect(promqlMetricNames(expr)).toEqual(names);
  });

  it('reads Grafana variable queries', () => {
    expect(grafanaVariableMetricNames('label_values(http_request_duration_seconds_count{service=~"$service"}, route)')).toEqual(['http_request_duration_seconds_count']);
    expect(grafanaVariableMetricNames('label_values(service)')).toEqual([]);
    expect(grafanaVariableMetricNames('query_result(topk(3, sum by (path) (socketio_connected_sockets)))')).toEqual(['socketio_connected_sockets']);
  });

  it('offers a histogram as its _bucket, _sum and _count series only', () => {
    const names = exposedSeriesNames(
      ['# HELP h a histogram', '# TYPE h histogram', 'h_bucket{le="1"} 0', '# TYPE s summary', '# TYPE c_total counter', '# TYPE g gauge', 'g 1'].join('\n'),
    );
    expect([...names.keys()].sort()).toEqual(['c_total', 'g', 'h_bucket', 'h_count', 'h_sum', 's', 's_count', 's_sum']);
  });
});
