-- wrk script of scripts/bench/common.sh (server_ceiling): every connection walks through the
-- paths of the file given after "--" (one a line), as the benchmarks' clients walk their lists.
local paths = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  i = math.random(#paths) - 1
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
