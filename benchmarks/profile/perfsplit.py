# Splits a 'perf script' of a JVM by thread group and by the system call its stack names (or user code):
#   perf record -F 499 -g -p <pid> -o x.data -- sleep 10; perf script -i x.data > x.txt; python3 perfsplit.py x.txt
# (the JVM started with -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer names the JIT frames).
# A sample counts under the first of the patterns below its stack matches; socket writes under the servlet are not
# matched and count as user code. BENCHMARKS.md, figure 9, 'Where a durable write's CPU goes'.
import sys,re,collections
txt=open(sys.argv[1]).read()
samples=txt.split('\n\n')
cat=collections.Counter(); n=0
thr=collections.Counter()
for s in samples:
    lines=s.strip().split('\n')
    if not lines or not lines[0].strip(): continue
    head=lines[0]; comm=head.split()[0] if not head.startswith(' ') else '?'
    m=re.match(r'\s*(\S.*?)\s+\d+(/\d+)?\s+\[',head); comm=m.group(1) if m else comm
    c=re.sub(r'\d+','N',comm)
    if c.startswith('qtp'): c='qtp'
    frames=[l.strip() for l in lines[1:]]
    syms=' '.join(frames)
    k='user'
    for name,pat in [('fdatasync','sys_fdatasync'),('futex','sys_futex'),('sched_yield','sched_yield'),('writev/write','sys_writev|ksys_write|sys_write'),('read','ksys_read|sys_read'),('epoll','epoll'),('pwrite','pwrite'),('softirq/irq','handle_softirqs|asm_common_interrupt|irq')]:
        if re.search(pat,syms): k=name; break
    if k=='user':
        # first frame in our code?
        if 'org.example' in syms: k='user: org.example in stack'
        elif 'org.eclipse.jetty' in syms: k='user: jetty only'
        elif 'libjvm' in frames[0] if frames else False: k='user: jvm'
    cat[(c,k)]+=1; thr[c]+=1; n+=1
print('samples',n)
for c,v in thr.most_common(8):
    print('%-20s %5.1f%%'%(c,100*v/n))
    for (cc,k),vv in sorted(cat.items(),key=lambda x:-x[1]):
        if cc==c and vv/n>0.004: print('     %-32s %5.1f%%'%(k,100*vv/n))
