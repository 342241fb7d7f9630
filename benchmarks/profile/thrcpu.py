import os,sys,time,collections,re
# Per thread group of a process, the CPU cores it used over a window: python3 thrcpu.py <pid> <seconds>
pid=sys.argv[1]; dt=float(sys.argv[2])
def snap():
    r={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            s=open(f'/proc/{pid}/task/{t}/stat').read()
        except: continue
        name=s[s.index('(')+1:s.rindex(')')]
        f=s[s.rindex(')')+2:].split()
        r[t]=(name,int(f[11]),int(f[12]))
    return r
a=snap(); time.sleep(dt); b=snap()
agg=collections.Counter()
for t,(n,u,s) in b.items():
    if t in a:
        d=(u-a[t][1])+(s-a[t][2]); k=re.sub(r'\d+','N',n); agg[k]+=d
tot=sum(agg.values())
print('total cores used: %.2f'%(tot/100/dt))
for k,v in agg.most_common(12): print('%.2f cores  %s'%(v/100/dt,k))
