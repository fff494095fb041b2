-- wrk script: adds X-Auth-Token from BENCH_TOKEN to every request
if os.getenv("BENCH_TOKEN") and os.getenv("BENCH_TOKEN") ~= "" then
  wrk.headers["X-Auth-Token"] = os.getenv("BENCH_TOKEN")
end
