# view / reshape with the wrong element count, and cat / stack of mismatched pieces.
import torch

x = torch.randn(2, 3, 4)  # 24 elements
flat = x.reshape(2, 12)
back = flat.view(2, 3, 5)  # 24 elements cannot be viewed as (2, 3, 5) = 30
ok = flat.view(2, 3, 4)

a = torch.randn(4, 5)
b = torch.randn(4, 6)
side_by_side = torch.cat([a, b], dim=1)  # fine: (4, 11)
stacked = torch.cat([a, b], dim=0)  # dim 1 differs: 5 vs 6
pair = torch.stack([a, b])  # stack needs equal shapes

col = a.sum(dim=2)  # a has 2 dims: dim=2 is out of range
