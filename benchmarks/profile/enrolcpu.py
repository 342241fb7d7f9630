import json,re,sys,collections
from datetime import datetime,timezone
# CPU ms per MO by thread group in figure 12's windows: python3 enrolcpu.py <thr.jsonl of thrlog.py> <distribution.log> [warm-up MOs]
# Windows are read from the device's "authenticationProfile <ri> DONE ... since <instant>" lines, in order: the warm-up's
# last 1,000 MOs (w0), then four windows of 1,000 (w1-w4). "sys": the group's kernel time.
snaps=[json.loads(l) for l in open(sys.argv[1])]
warm=int(sys.argv[3]) if len(sys.argv)>3 else 40000
ts=[]
for l in open(sys.argv[2]):
    if ' DONE ' in l and 'authenticationProfile' in l:
        ts.append(datetime.fromisoformat(re.search(r'since (\S+)Z',l).group(1)[:26]).replace(tzinfo=timezone.utc).timestamp())
at=lambda t:min(snaps,key=lambda s:abs(s[0]-t))
wins=[(warm-1000,warm)]+[(warm+1000*k,warm+1000+1000*k) for k in range(4) if warm+1000+1000*k<=len(ts)]
rows=[]
for a,b in wins:
    s,e=at(ts[a]),at(ts[b-1]); agg=collections.Counter()
    for t,val in e[1].items():
        k=re.sub(r'\d+','N',val[0]); was=s[1].get(t,[val[0],0,0])
        agg[k]+=val[1]-was[1]
        if len(val)>2: agg[k+' sys']+=val[2]-was[2] # older logs had no kernel time
    rows.append(agg)
keys=collections.Counter()
for r in rows: keys.update(r)
print('thread group (CPU ms per MO)'.ljust(30),' '.join('w%d'.rjust(7)%i for i in range(len(rows))))
for k,_ in keys.most_common():
    if max(r[k] for r in rows) >= 1: # every group that used 0.01 ms per MO in some window (the compiler's row too)
        print(k[:30].ljust(30),' '.join('%7.2f'%(r[k]*10/1000) for r in rows))
