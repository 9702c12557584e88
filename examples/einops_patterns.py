# einops patterns checked against the shapes they are applied to.
import torch
from einops import rearrange, reduce, repeat

images = torch.randn(8, 3, 32, 32)  # (b, c, h, w)

patches = rearrange(images, "b c (h p1) (w p2) -> b (h w) (p1 p2 c)", p1=8, p2=8)  # (8, 16, 192)
pooled = reduce(images, "b c h w -> b c", "mean")  # (8, 3)
tiled = repeat(pooled, "b c -> b c n", n=4)  # (8, 3, 4)

wrong_rank = rearrange(images, "b c h -> b h c")  # pattern has 3 axes, the tensor 4
uneven = rearrange(images, "b c (h p) w -> b c h p w", p=5)  # 32 is not divisible by 5
