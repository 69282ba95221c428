import json, unicodedata, collections, re, sys
d='/work/heldout3'
posts=[json.loads(l) for l in open(d+'/posts.jsonl',encoding='utf-8')]
truth=[json.loads(l) for l in open(d+'/truth.jsonl',encoding='utf-8')]
src=open(d+'/sources.tsv',encoding='utf-8').read().splitlines()[1:]
assert len(posts)==len(truth)==len(src), (len(posts),len(truth),len(src))
CN=dict(zip('零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖','00123456789123456789'))
for k,v in zip('❶❷❸❹❺❻❼❽❾⓿','1234567890'): CN[k]=v
def canon(s):
    s=unicodedata.normalize('NFKC',s).lower()
    s=''.join(CN.get(c,c) for c in s)
    return re.sub(r'[\s.\-\ufe0f\u20e3]','',s)
errs=0
types={'offer','request','service','other'}; goods={'personal_data','lookup','accounts','sim','bank_kit','other'}
seen_actor={}; prev=None; order=[]
for i,(p,t,s) in enumerate(zip(posts,truth,src),1):
    assert set(p)=={'time','author','channel','text'}
    assert t['post']==i and int(s.split('\t')[0])==i
    assert t['type'] in types and t['goods'] in goods
    if (t['type']=='other')!=(t['goods']=='other'): print('type/goods mismatch',i); errs+=1
    if (t['type']=='service')!=(t['goods']=='lookup'): print('service/lookup mismatch',i); errs+=1
    if t['goods']=='other' and t['unit_price_yuan'] is not None: print('price on negative',i); errs+=1
    assert p['time'].startswith(('2025','2026')) and p['time'].endswith('+08:00') and p['time']<'2026-12-07'
    ct=canon(p['text'])
    for k,v in t['handles']:
        assert k in ('qq','wechat','telegram')
        if k=='qq': assert v.isdigit() and 5<=len(v)<=11 and v[0]!='0',(i,v)
        else: assert v==v.lower() and not v.startswith('@'),(i,v)
        if v not in ct: print('handle not in text',i,k,v); errs+=1
    a=t['actor']
    if a:
        if a not in seen_actor:
            exp='A%02d'%(len(seen_actor)+1)
            if a!=exp: print('actor order',i,a,exp); errs+=1
            seen_actor[a]=p['time']
        else:
            assert p['time']>seen_actor[a]
    if t['handles'] and not a and 'warn' not in s and 'scam warning' not in s:
        print('handles without actor',i)
    # handle->actor consistency
for i,t in enumerate(truth,1):
    for h in t['handles']:
        order.append((tuple(h),t['actor'],i))
m=collections.defaultdict(set)
for h,a,i in order:
    if a: m[h].add(a)
for h,s in m.items():
    if len(s)>1: print('handle with two actors',h,s); errs+=1
# phone / qq sanity: mobiles must be 138/139 0000
for i,p in enumerate(posts,1):
    for mnum in re.findall(r'1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}',unicodedata.normalize('NFKC',p['text'])):
        dg=re.sub(r'\D','',mnum)
        if not (dg.startswith('1380000') or dg.startswith('1390000')): print('mobile shape?',i,mnum)
c=collections.Counter((t['type'],t['goods']) for t in truth)
print(len(posts),'posts; errors',errs)
for k,v in sorted(c.items()): print(k,v)
print('trade',sum(v for k,v in c.items() if k[0]!='other'),'neg',c[('other','other')])
print('priced',sum(t['unit_price_yuan'] is not None for t in truth))
ac=collections.Counter(t['actor'] for t in truth if t['actor'])
print('actors',len(ac),'multi',sorted((a,n) for a,n in ac.items() if n>1))
