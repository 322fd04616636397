#!/bin/sh
# A simulator as sna runs it (docs/SIMULATORS.md): the borehole water flow, computed by awk over the csv line
# protocol. sna writes a header line with the input names, then one line of comma-separated values per point; this
# answers a header line with the output name, then one value per point, in order. Used by
# conf/studies/borehole-command.yaml and borehole-simulate-train.yaml; try it by hand:
#   printf 'rw,r,Tu,Hu,Tl,Hl,L,Kw\n0.1,1000,90000,1050,90,760,1400,11000\n' | conf/simulators/borehole.sh
# mawk buffers its input unless told -W interactive, which a worker (worker: true) needs.
if awk -W version 2>&1 | grep -q mawk; then AWK='awk -W interactive'; else AWK=awk; fi
exec $AWK -F, '
NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; print "y"; fflush(); next }
{
  for (i = 1; i <= NF; i++) v[name[i]] = $i + 0
  lr = log(v["r"] / v["rw"])
  flow = 2 * 3.141592653589793 * v["Tu"] * (v["Hu"] - v["Hl"]) \
         / (lr * (1 + 2 * v["L"] * v["Tu"] / (lr * v["rw"] * v["rw"] * v["Kw"]) + v["Tu"] / v["Tl"]))
  printf "%.17g\n", flow; fflush()
}'
