import numpy as np
h=np.log(2)/2
# Chebyshev nodes
n=2000
r=h*np.cos(np.pi*(np.arange(n)+0.5)/n)
r=r[np.abs(r)>1e-6]
y=(np.expm1(r)-r)/r**2
for deg in [4,5]:
    A=np.vstack([r**i for i in range(deg+1)]).T
    # weighted least squares: relative error of exp = r^2*err / exp(r)
    w=r**2/np.exp(r)
    c=np.linalg.lstsq(A*w[:,None], y*w, rcond=None)[0]
    # iterate reweighting toward minimax (Lawson)
    W=np.ones_like(r)
    for it in range(200):
        cw=np.linalg.lstsq(A*(w*np.sqrt(W))[:,None], y*w*np.sqrt(W), rcond=None)[0]
        e=np.abs((A@cw-y)*w)
        W=W*e; W/=W.sum()
    c32=cw.astype(np.float32)
    # evaluate in float32 like the kernel over a dense x grid
    x=np.linspace(-80,80,2000001).astype(np.float32)
    f=np.float32
    t=x*f(1.44269504)+f(12582912); k=t-f(12582912)
    rr=(x-k*f(0.693359375))-k*f(-2.12194440e-4)
    q=np.full_like(rr,c32[-1])
    for ci in c32[-2::-1]: q=q*rr+ci
    res=((rr*rr)*q+rr)+f(1)
    scale=((t.view(np.int32)+127)<<23).view(np.float32)
    res=res*scale
    ref=np.exp(x.astype(np.float64)).astype(np.float32)
    ulp=np.abs(res.astype(np.float64)-ref.astype(np.float64))/np.spacing(ref)
    rel=np.abs(res.astype(np.float64)/np.exp(x.astype(np.float64))-1)
    print(deg+2, 'coeffs', [repr(float(v)) for v in c32[::-1]], 'max ulp', ulp.max(), 'max rel', rel.max(), 'frac exact', (ulp==0).mean())
