# Top frames and inclusive counts of JFR execution samples, for the threads whose name contains a filter:
#   jfr print --stack-depth 80 --events jdk.ExecutionSample x.jfr > s.txt; python3 jfrtop.py s.txt qtp
import re,collections,sys
txt=open(sys.argv[1]).read()
filt=sys.argv[2] if len(sys.argv)>2 else ''
ev=txt.split('jdk.ExecutionSample {')[1:]
top=collections.Counter(); thr=collections.Counter(); incl=collections.Counter()
n=0
for e in ev:
    m=re.search(r'sampledThread = "([^"]*)"',e); t=m.group(1) if m else '?'
    t=re.sub(r'\d+','N',t); thr[t]+=1
    if filt and filt not in t: continue
    n+=1
    frames=re.findall(r'^\s+([\w.$<>]+\(.*?\))\s+line:',e,re.M)
    if frames: top[frames[0]]+=1
    seen=set()
    for f in frames:
        k=re.sub(r'\(.*','',f)
        if k not in seen: incl[k]+=1; seen.add(k)
print(len(ev), n); print(thr.most_common(6))
for f,c in top.most_common(30): print(c,f)
print('---incl')
for f,c in incl.most_common(90): print(c,f)
