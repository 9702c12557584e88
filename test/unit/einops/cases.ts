// The documented einops shape cases as data: the einops docstrings, einops' own test
// patterns, and symbolic shapes. Used by the shape-rule tests and, for the all-number cases,
// by the value tests (the kernels must produce exactly the shapes the rules predict).
import type { DimText } from './check';

export type Case = [op: 'rearrange' | 'repeat' | string, pattern: string, input: DimText[], axes: Record<string, DimText>, expected: DimText[]];

// rearrange docstring: 32 images of 30x40x3 stacked as (32, 30, 40, 3).
const IMAGES = [32, 30, 40, 3];
export const docRearrange: Case[] = [
  ['rearrange', 'b h w c -> b h w c', IMAGES, {}, [32, 30, 40, 3]],
  ['rearrange', 'b h w c -> b c h w', IMAGES, {}, [32, 3, 30, 40]],
  // 960 = 32 * 30
  ['rearrange', 'b h w c -> (b h) w c', IMAGES, {}, [960, 40, 3]],
  // 1280 = 32 * 40
  ['rearrange', 'b h w c -> h (b w) c', IMAGES, {}, [30, 1280, 3]],
  // 3600 = 30 * 40 * 3
  ['rearrange', 'b h w c -> b (c h w)', IMAGES, {}, [32, 3600]],
  // h = 30 / 2 = 15, w = 40 / 2 = 20, 128 = 32 * 2 * 2
  ['rearrange', 'b (h1 h) (w1 w) c -> (b h1 w1) h w c', IMAGES, { h1: 2, w1: 2 }, [128, 15, 20, 3]],
  // space-to-depth: 12 = 3 * 2 * 2
  ['rearrange', 'b (h h1) (w w1) c -> b h w (c h1 w1)', IMAGES, { h1: 2, w1: 2 }, [32, 15, 20, 12]],
  // parse_shape docstring: 700 = 2 * c * 5 * 7, so c = 10
  ['rearrange', '(b c h w) -> b c h w', [700], { b: 2, h: 5, w: 7 }, [2, 10, 5, 7]],
];

// examples/einops_patterns.py: images (8, 3, 32, 32), 8x8 patches: (32/8)*(32/8) = 16, 8*8*3 = 192
export const projectExamples: Case[] = [
  ['rearrange', 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', [8, 3, 32, 32], { p1: 8, p2: 8 }, [8, 16, 192]],
  ['mean', 'b c h w -> b c', [8, 3, 32, 32], {}, [8, 3]],
  ['repeat', 'b c -> b c n', [8, 3], { n: 4 }, [8, 3, 4]],
];

// reduce docstring: x of shape (10, 20, 30, 40) = batch, height, width, channel.
const X4 = [10, 20, 30, 40];
export const docReduce: Case[] = [
  ['max', 't b c -> b c', [100, 32, 64], {}, [32, 64]],
  // 2x2 max-pooling over the last two dims: 30 / 2 = 15, 40 / 2 = 20
  ['max', 'b c (h1 h2) (w1 w2) -> b c h1 w1', X4, { h2: 2, w2: 2 }, [10, 20, 15, 20]],
  ['max', 'b c (h1 2) (w1 2) -> b c h1 w1', X4, {}, [10, 20, 15, 20]],
  // adaptive pooling to a 3x4 grid (tiles of 10x10)
  ['max', 'b c (h1 h2) (w1 w2) -> b c h1 w1', X4, { h1: 3, w1: 4 }, [10, 20, 3, 4]],
  ['mean', 'b c h w -> b c', X4, {}, [10, 20]],
  ['mean', 'b c h w -> 1 c 1 1', X4, {}, [1, 20, 1, 1]],
  ['mean', 'b c h w -> b c 1 1', X4, {}, [10, 20, 1, 1]],
  ['mean', 'b c h w -> b c () ()', X4, {}, [10, 20, 1, 1]],
];

// repeat docstring: a grayscale image of shape (30, 40).
export const docRepeat: Case[] = [
  ['repeat', 'h w -> h w c', [30, 40], { c: 3 }, [30, 40, 3]],
  ['repeat', 'h w -> (repeat h) w', [30, 40], { repeat: 2 }, [60, 40]],
  ['repeat', 'h w -> (h2 h) (w3 w)', [30, 40], { h2: 2, w3: 3 }, [60, 120]],
  ['repeat', 'h w -> (h h2) (w w2)', [30, 40], { h2: 2, w2: 2 }, [60, 80]],
  // pixelate: down by 2 (15, 20), then back up (30, 40)
  ['mean', '(h h2) (w w2) -> h w', [30, 40], { h2: 2, w2: 2 }, [15, 20]],
  ['repeat', 'h w -> (h h2) (w w2)', [15, 20], { h2: 2, w2: 2 }, [30, 40]],
];

// einops' test_ops: x of shape (2, 3, 4, 5, 6) with ellipsis patterns.
const X5 = [2, 3, 4, 5, 6];
export const ellipsisCases: Case[] = [
  ['rearrange', '...->...', X5, {}, X5],
  ['rearrange', 'a b c d e ...-> ... a b c d e', X5, {}, X5],
  ['rearrange', 'a b c d e ...-> a ... b c d e', X5, {}, X5],
  // ... covers only b (3) here
  ['rearrange', 'a ... c d e -> a (...) c d e', X5, {}, X5],
  ['rearrange', 'a b ... -> (a b) ... ', X5, {}, [6, 4, 5, 6]],
  ['rearrange', '... c d e -> ... (c d) e', X5, {}, [2, 3, 20, 6]],
  // 720 = 2*3*4*5*6
  ['rearrange', '... ->  (...)', X5, {}, [720]],
  // (...) = c d e = 120
  ['rearrange', 'a b ... -> b (...) a', X5, {}, [3, 120, 2]],
  // (a ...) = a c d = 2*4*5 = 40
  ['rearrange', 'a b ... e -> b (a ...) e', X5, {}, [3, 40, 6]],
  ['sum', ' ... ->  ', X5, {}, []],
  // (e a) = 6*2 = 12
  ['min', 'a ... e -> (e a)', X5, {}, [12]],
  ['max', ' a b c d e ... -> d (a e) ', X5, {}, [5, 12]],
  // (...) = a b = 6; c d e reduced
  ['sum', ' ... c d e  -> (...) ', X5, {}, [6]],
  ['sum', '(a1 a2) ... (e1 e2) -> ', X5, { a1: 1, e2: 2 }, []],
  // (e c) = 6*4 = 24
  ['prod', 'a b c d e -> (e c) a', X5, {}, [24, 2]],
  ['mean', '(a a2) ... -> (a2 a) ...', X5, { a2: 1 }, X5],
];

// einops' repeat_test_cases: input (2, 3, 5).
export const repeatCases: Case[] = [
  ['repeat', 'a b c -> c a b', [2, 3, 5], {}, [5, 2, 3]],
  // 60 = 5 * 2 * 2 * 3
  ['repeat', 'a b c -> (c copy a b)', [2, 3, 5], { copy: 2, a: 2, b: 3, c: 5 }, [60]],
  ['repeat', 'a b c -> (a copy) b c ', [2, 3, 5], { copy: 1 }, [2, 3, 5]],
  // (c a) = 10, (copy1 b copy2) = 1*3*2 = 6
  ['repeat', 'a b c -> (c a) (copy1 b copy2)', [2, 3, 5], { a: 2, copy1: 1, copy2: 2 }, [10, 6]],
  ['repeat', 'a ...  -> a ... copy', [2, 3, 5], { copy: 4 }, [2, 3, 5, 4]],
  ['repeat', '... c -> ... (copy1 c copy2)', [2, 3, 5], { copy1: 1, copy2: 2 }, [2, 3, 10]],
  ['repeat', ' ...  -> copy1 ... copy2 ', [2, 3, 5], { copy1: 2, copy2: 3 }, [2, 2, 3, 5, 3]],
  ['repeat', 'a b c  -> copy1 a copy2 b c () ', [2, 3, 5], { copy1: 2, copy2: 1 }, [2, 2, 1, 3, 5, 1]],
];

// einops' test_cases_repeat_anonymous: input (1, 2, 4, 6).
export const anonymousCases: Case[] = [
  ['repeat', 'a b c d -> c a d b', [1, 2, 4, 6], {}, [4, 1, 6, 2]],
  // (c 2 d a b) = 4*2*6*1*2 = 96
  ['repeat', 'a b c d -> (c 2 d a b)', [1, 2, 4, 6], { a: 1, c: 4, d: 6 }, [96]],
  // (d copy 1) = 6*3 = 18
  ['repeat', '1 b c d -> (d copy 1) 3 b c ', [1, 2, 4, 6], { copy: 3 }, [18, 3, 2, 4]],
  ['repeat', '1 ...  -> 3 ... ', [1, 2, 4, 6], {}, [3, 2, 4, 6]],
  // (copy1 d copy2) = 2*6*3 = 36
  ['repeat', '() ... d -> 1 (copy1 d copy2) ... ', [1, 2, 4, 6], { copy1: 2, copy2: 3 }, [1, 36, 2, 4]],
  ['repeat', '1 b c d -> (1 1) (1 b) 2 c 3 d (1 1)', [1, 2, 4, 6], {}, [1, 2, 2, 4, 3, 6, 1]],
  // reversing the anonymous repeat by reduction
  ['min', '(d copy 1) 3 b c -> 1 b c d', [18, 3, 2, 4], { copy: 3 }, [1, 2, 4, 6]],
];

// Symbolic shapes: what the analysis sees in real code.
export const symbolicCases: Case[] = [
  ['rearrange', 'b c h w -> b (h w) c', ['b', 'c', 'h', 'w'], {}, ['b', 'h*w', 'c']],
  // (h w) with h given: w = (h*w) / h, an exact symbolic division
  ['rearrange', 'b (h w) c -> b h w c', ['b', 'h*w', 'c'], { h: 'h' }, ['b', 'h', 'w', 'c']],
  // the same with the product written the other way round
  ['rearrange', 'b (h w) c -> b c h w', ['b', 'w*h', 'c'], { w: 'w' }, ['b', 'c', 'h', 'w']],
  // heads split: d_model = heads * d_head
  ['rearrange', 'b n (heads d) -> b heads n d', ['b', 'n', 'heads*d'], { heads: 'heads' }, ['b', 'heads', 'n', 'd']],
  // 2*n split by 2
  ['rearrange', 'b (n two) -> b n two', ['b', '2*n'], { two: 2 }, ['b', 'n', 2]],
  // n split into chunks of 2: n // 2 is not a symbol we can name, so it stays unknown
  ['rearrange', 'b (k two) -> b k two', ['b', 'n'], { two: 2 }, ['b', '?', 2]],
  ['sum', 'b n -> b', ['b', 'n'], {}, ['b']],
  ['max', 'b n -> b 1', ['batch', 'n'], {}, ['batch', 1]],
  ['repeat', 'b n -> b n k', ['b', 'n'], { k: 'k' }, ['b', 'n', 'k']],
  ['repeat', 'b n -> (b k) n', ['b', 'n'], { k: 3 }, ['3*b', 'n']],
  ['rearrange', 'b ... -> b (...)', ['b', 'c', 'h', 'w'], {}, ['b', 'c*h*w']],
  // an unknown input dim makes only its own axes unknown
  ['rearrange', 'a b -> b a', ['?', 'n'], {}, ['n', '?']],
];

export const groups: Array<[string, Case[]]> = [
  ['examples/einops_patterns.py', projectExamples],
  ['rearrange docstring', docRearrange],
  ['reduce docstring', docReduce],
  ['repeat docstring', docRepeat],
  ['ellipsis patterns', ellipsisCases],
  ['repeat patterns', repeatCases],
  ['anonymous axes', anonymousCases],
  ['symbolic shapes', symbolicCases],
];

