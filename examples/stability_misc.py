# Other exp/log forms that lose precision or overflow, next to their stable spellings.
import torch
import torch.nn.functional as F

x = torch.tensor([-1000.0, -20.0, 0.0, 20.0, 1000.0])
tiny = torch.tensor([1e-10, 1e-7, 1e-3])

softplus_naive = torch.log(1 + torch.exp(x))  # inf at x = 1000
softplus_stable = F.softplus(x)

log_sigmoid_naive = torch.log(torch.sigmoid(x))  # -inf at x = -1000
log_sigmoid_stable = F.logsigmoid(x)

log1p_naive = torch.log(1 + tiny)  # 1 + 1e-10 rounds to 1 in float32: result 0
log1p_stable = torch.log1p(tiny)
expm1_naive = torch.exp(tiny) - 1  # same rounding: 0 instead of 1e-10
expm1_stable = torch.expm1(tiny)

logits = torch.randn(4, 10)
probs = F.softmax(logits, dim=-1)
twice = F.softmax(probs, dim=-1)  # softmax of probabilities: almost uniform, surely a bug
