import os,sys,time,json
# Per-thread CPU of a process over time: python3 thrlog.py <pid or a string of its command line> <out.jsonl>
# Every 0.25 s one line: [unix time, {tid: [thread name, user+system ticks, system ticks]}], until the process ends.
# Used for figure 12 (BENCHMARKS.md) with enrolcpu.py: start it before `benchmarks/run enrol`, with the string "enrol-10".
want,out=sys.argv[1],open(sys.argv[2],'w')
def find():
    if want.isdigit(): return want
    for p in os.listdir('/proc'):
        if p.isdigit() and p!=str(os.getpid()):
            try:
                c=open(f'/proc/{p}/cmdline').read()
            except OSError: continue
            if want in c and 'felix.jar' in c: return p
    return None
pid=find()
while pid is None:
    time.sleep(0.2); pid=find()
while os.path.exists(f'/proc/{pid}/task'):
    r={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try: s=open(f'/proc/{pid}/task/{t}/stat').read()
        except OSError: continue
        f=s[s.rindex(')')+2:].split()
        r[t]=(s[s.index('(')+1:s.rindex(')')],int(f[11])+int(f[12]),int(f[12]))
    out.write(json.dumps([time.time(),r])+'\n'); out.flush()
    time.sleep(0.25)
