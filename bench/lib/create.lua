-- wrk script: POST /v2/images with a small JSON body (one image per request, marked bench_tmp for --purge)
wrk.method = "POST"
wrk.path = "/v2/images"
wrk.headers["Content-Type"] = "application/json"
if os.getenv("BENCH_TOKEN") and os.getenv("BENCH_TOKEN") ~= "" then
  wrk.headers["X-Auth-Token"] = os.getenv("BENCH_TOKEN")
end
wrk.body = '{"name": "bench-latency-create", "disk_format": "raw", "container_format": "bare", "bench_tmp": "1"}'
