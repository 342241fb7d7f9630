import os,sys,time,collections,re
# Per thread group of a process: the cores it used, and its voluntary and involuntary context switches per second, over a
# window: python3 thrcpu.py <pid> <seconds>   (/proc/<pid>/task/*/stat and status)
pid=sys.argv[1]; dt=float(sys.argv[2])
def snap():
    r={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            st=open(f'/proc/{pid}/task/{t}/stat').read(); ss=open(f'/proc/{pid}/task/{t}/status').read()
        except: continue
        name=st[st.index('(')+1:st.rindex(')')]; f=st[st.rindex(')')+2:].split()
        v=int(re.search(r'^voluntary_ctxt_switches:\s+(\d+)',ss,re.M).group(1)); nv=int(re.search(r'^nonvoluntary_ctxt_switches:\s+(\d+)',ss,re.M).group(1))
        r[t]=(name,int(f[11])+int(f[12]),v,nv)
    return r
a=snap(); time.sleep(dt); b=snap()
agg=collections.defaultdict(lambda:[0,0,0])
for t,(n,c,v,nv) in b.items():
    if t in a:
        k=re.sub(r'\d+','N',n); k='qtp' if k.startswith('qtp') else k
        agg[k][0]+=c-a[t][1]; agg[k][1]+=v-a[t][2]; agg[k][2]+=nv-a[t][3]
print('%-18s %6s %9s %9s'%('threads','cores','vol cs/s','invol/s'))
for k,(c,v,nv) in sorted(agg.items(),key=lambda x:-x[1][0])[:8]: print('%-18s %6.2f %9.0f %9.0f'%(k[:18],c/100/dt,v/dt,nv/dt))
