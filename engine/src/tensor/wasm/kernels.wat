;; SIMD kernels for the float32 hot paths (exp, softmax / log-softmax rows, row sums).
;; JS copies a cache-sized chunk of a tensor into this module's memory, runs a kernel in
;; place and copies the result out; the engine's tensors stay ordinary typed arrays.
;;
;; Accuracy contract, matched against real torch by the goldens (rtol 1e-5 for float32):
;; - exp on |x| <= 80 uses a float32 polynomial (Cephes expf: <= 2 ulp). Any 4-lane group
;;   that holds a value outside that range (or nan) takes the double-precision path, whose
;;   result is rounded to float32 once, so overflow to inf and underflow to denormals or 0
;;   happen exactly where torch's do.
;; - Row sums (sum_rows_f32) accumulate in double, as the JS kernels do, and are returned as
;;   doubles; softmax sums in float32 in the order of torch's last-dim kernel.
;;
;; Rebuild the embedded bytes after editing: `npx tsx scripts/gen-wasm.ts`.
(module
  (import "math" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; exp in double for any x; the caller rounds to float32. Clamping to [-200, 200] keeps
  ;; 2^k a normal double and does not change the float32 result (0 below, inf above).
  (func $exp64 (param $x f64) (result f64)
    (local $y f64) (local $k f64) (local $r f64) (local $p f64)
    (local.set $y (f64.min (f64.max (local.get $x) (f64.const -200)) (f64.const 200)))
    (local.set $k (f64.nearest (f64.mul (local.get $y) (f64.const 1.4426950408889634))))
    (local.set $r
      (f64.sub
        (f64.sub (local.get $y) (f64.mul (local.get $k) (f64.const 0.6931471803691238)))
        (f64.mul (local.get $k) (f64.const 1.9082149292705877e-10))))
    ;; Taylor series to degree 11 on |r| <= ln2/2: truncation error below 1e-14.
    (local.set $p (f64.const 2.505210838544172e-08))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.755731922398589e-07)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.7557319223985893e-06)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.48015873015873e-05)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.0001984126984126984)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.001388888888888889)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.008333333333333333)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.041666666666666664)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.16666666666666666)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.5)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1)))
    ;; nan: trunc_sat turns k into 0, so the scale is 1 and the nan in p survives.
    (f64.mul (local.get $p)
      (f64.reinterpret_i64
        (i64.shl (i64.add (i64.trunc_sat_f64_s (local.get $k)) (i64.const 1023)) (i64.const 52)))))

  (func $exp32 (param $x f32) (result f32)
    (f32.demote_f64 (call $exp64 (f64.promote_f32 (local.get $x)))))

  ;; Four float32 exps with the float32 polynomial. Only valid for lanes with |x| <= 80.
  (func $expv (param $x v128) (result v128)
    (local $k v128) (local $r v128) (local $p v128)
    (local.set $k (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
    (local.set $r
      (f32x4.sub
        (f32x4.sub (local.get $x) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
        (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    ;; exp(r) = 1 + r + r^2 * p
    (local.set $p
      (f32x4.add
        (f32x4.add (f32x4.mul (f32x4.mul (local.get $r) (local.get $r)) (local.get $p)) (local.get $r))
        (v128.const f32x4 1 1 1 1)))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))

  ;; True when every lane satisfies |x| <= 80 (false for nan lanes).
  (func $inFastRange (param $x v128) (result i32)
    (i32x4.all_true (f32x4.le (f32x4.abs (local.get $x)) (v128.const f32x4 80 80 80 80))))

  ;; exp of 4 lanes: the float32 polynomial when every lane is in its range, else lane by lane.
  (func $expAny (param $x v128) (result v128)
    (if (result v128) (call $inFastRange (local.get $x))
      (then (call $expv (local.get $x)))
      (else
        (f32x4.replace_lane 3
          (f32x4.replace_lane 2
            (f32x4.replace_lane 1
              (f32x4.replace_lane 0 (local.get $x) (call $exp32 (f32x4.extract_lane 0 (local.get $x))))
              (call $exp32 (f32x4.extract_lane 1 (local.get $x))))
            (call $exp32 (f32x4.extract_lane 2 (local.get $x))))
          (call $exp32 (f32x4.extract_lane 3 (local.get $x)))))))

  ;; exp of 4 float32 lanes at $p, written back to $p.
  (func $expStore4 (param $p i32) (param $x v128)
    (v128.store (local.get $p) (call $expAny (local.get $x))))

  ;; In place: n float32 values at byte offset $p become exp of themselves. 8 vectors per
  ;; iteration, written out (V8 neither inlines wasm calls nor unrolls
  ;; loops, and independent dependency chains are what keep both vector ALUs busy).
  (func (export "exp_f32") (param $p i32) (param $n i32)
    (local $end i32) (local $vend i32) (local $wend i32) (local $m v128)
    (local $x0 v128) (local $t0 v128) (local $r0 v128) (local $q0 v128)
    (local $x1 v128) (local $t1 v128) (local $r1 v128) (local $q1 v128)
    (local $x2 v128) (local $t2 v128) (local $r2 v128) (local $q2 v128)
    (local $x3 v128) (local $t3 v128) (local $r3 v128) (local $q3 v128)
    (local $x4 v128) (local $t4 v128) (local $r4 v128) (local $q4 v128)
    (local $x5 v128) (local $t5 v128) (local $r5 v128) (local $q5 v128)
    (local $x6 v128) (local $t6 v128) (local $r6 v128) (local $q6 v128)
    (local $x7 v128) (local $t7 v128) (local $r7 v128) (local $q7 v128)
    (local $log2e v128) (local $magic v128) (local $ln2hi v128) (local $ln2lo v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $c5 v128) (local $one v128) (local $absmask v128)
    (local.set $log2e (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))
    ;; 1.5 * 2^23 + 127: adding it rounds x / ln2 to an integer k and leaves k + 127, the
    ;; exponent of 2^k, in the low mantissa bits, so the scale needs no separate bias add.
    (local.set $magic (v128.const f32x4 12583039 12583039 12583039 12583039))
    (local.set $ln2hi (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375))
    (local.set $ln2lo (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))
    (local.set $c1 (v128.const f32x4 0.001381461275741458 0.001381461275741458 0.001381461275741458 0.001381461275741458))
    (local.set $c2 (v128.const f32x4 0.008368710055947304 0.008368710055947304 0.008368710055947304 0.008368710055947304))
    (local.set $c3 (v128.const f32x4 0.04166838899254799 0.04166838899254799 0.04166838899254799 0.04166838899254799))
    (local.set $c4 (v128.const f32x4 0.1666652113199234 0.1666652113199234 0.1666652113199234 0.1666652113199234))
    (local.set $c5 (v128.const f32x4 0.4999999403953552 0.4999999403953552 0.4999999403953552 0.4999999403953552))
    (local.set $one (v128.const f32x4 1 1 1 1))
    (local.set $absmask (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $wend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -32)) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $wide
        (br_if $done (i32.ge_u (local.get $p) (local.get $wend)))
        (local.set $x0 (v128.load offset=0 (local.get $p)))
        (local.set $x1 (v128.load offset=16 (local.get $p)))
        (local.set $x2 (v128.load offset=32 (local.get $p)))
        (local.set $x3 (v128.load offset=48 (local.get $p)))
        (local.set $x4 (v128.load offset=64 (local.get $p)))
        (local.set $x5 (v128.load offset=80 (local.get $p)))
        (local.set $x6 (v128.load offset=96 (local.get $p)))
        (local.set $x7 (v128.load offset=112 (local.get $p)))
        ;; Fast path when every |x| <= 80, compared as integers: the bits of |x| grow with |x|,
        ;; and nan is above them all. 0x42a00000 is 80.0f.
        (local.set $m (v128.and (local.get $x0) (local.get $absmask)))
        (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $x1) (local.get $absmask))))
        (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $x2) (local.get $absmask))))
        (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $x3) (local.get $absmask))))
        (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $x4) (local.get $absmask))))
        (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $x5) (local.get $absmask))))
        (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $x6) (local.get $absmask))))
        (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $x7) (local.get $absmask))))
        (if (i32x4.all_true (i32x4.le_u (local.get $m) (v128.const i32x4 0x42a00000 0x42a00000 0x42a00000 0x42a00000)))
          (then
            ;; k = round(x / ln2) through the magic constant; r = x - k ln2 in two parts (Cody-Waite).
            (local.set $t0 (f32x4.add (f32x4.mul (local.get $x0) (local.get $log2e)) (local.get $magic)))
            (local.set $t1 (f32x4.add (f32x4.mul (local.get $x1) (local.get $log2e)) (local.get $magic)))
            (local.set $t2 (f32x4.add (f32x4.mul (local.get $x2) (local.get $log2e)) (local.get $magic)))
            (local.set $t3 (f32x4.add (f32x4.mul (local.get $x3) (local.get $log2e)) (local.get $magic)))
            (local.set $t4 (f32x4.add (f32x4.mul (local.get $x4) (local.get $log2e)) (local.get $magic)))
            (local.set $t5 (f32x4.add (f32x4.mul (local.get $x5) (local.get $log2e)) (local.get $magic)))
            (local.set $t6 (f32x4.add (f32x4.mul (local.get $x6) (local.get $log2e)) (local.get $magic)))
            (local.set $t7 (f32x4.add (f32x4.mul (local.get $x7) (local.get $log2e)) (local.get $magic)))
            (local.set $q0 (f32x4.sub (local.get $t0) (local.get $magic)))
            (local.set $q1 (f32x4.sub (local.get $t1) (local.get $magic)))
            (local.set $q2 (f32x4.sub (local.get $t2) (local.get $magic)))
            (local.set $q3 (f32x4.sub (local.get $t3) (local.get $magic)))
            (local.set $q4 (f32x4.sub (local.get $t4) (local.get $magic)))
            (local.set $q5 (f32x4.sub (local.get $t5) (local.get $magic)))
            (local.set $q6 (f32x4.sub (local.get $t6) (local.get $magic)))
            (local.set $q7 (f32x4.sub (local.get $t7) (local.get $magic)))
            (local.set $r0 (f32x4.sub (f32x4.sub (local.get $x0) (f32x4.mul (local.get $q0) (local.get $ln2hi))) (f32x4.mul (local.get $q0) (local.get $ln2lo))))
            (local.set $r1 (f32x4.sub (f32x4.sub (local.get $x1) (f32x4.mul (local.get $q1) (local.get $ln2hi))) (f32x4.mul (local.get $q1) (local.get $ln2lo))))
            (local.set $r2 (f32x4.sub (f32x4.sub (local.get $x2) (f32x4.mul (local.get $q2) (local.get $ln2hi))) (f32x4.mul (local.get $q2) (local.get $ln2lo))))
            (local.set $r3 (f32x4.sub (f32x4.sub (local.get $x3) (f32x4.mul (local.get $q3) (local.get $ln2hi))) (f32x4.mul (local.get $q3) (local.get $ln2lo))))
            (local.set $r4 (f32x4.sub (f32x4.sub (local.get $x4) (f32x4.mul (local.get $q4) (local.get $ln2hi))) (f32x4.mul (local.get $q4) (local.get $ln2lo))))
            (local.set $r5 (f32x4.sub (f32x4.sub (local.get $x5) (f32x4.mul (local.get $q5) (local.get $ln2hi))) (f32x4.mul (local.get $q5) (local.get $ln2lo))))
            (local.set $r6 (f32x4.sub (f32x4.sub (local.get $x6) (f32x4.mul (local.get $q6) (local.get $ln2hi))) (f32x4.mul (local.get $q6) (local.get $ln2lo))))
            (local.set $r7 (f32x4.sub (f32x4.sub (local.get $x7) (f32x4.mul (local.get $q7) (local.get $ln2hi))) (f32x4.mul (local.get $q7) (local.get $ln2lo))))
            ;; exp(r) = 1 + r + r^2 P(r), P of degree 4 fitted for relative error (scripts/fit-exp.py).
            (local.set $q0 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r0)) (local.get $c2)))
            (local.set $q1 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r1)) (local.get $c2)))
            (local.set $q2 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r2)) (local.get $c2)))
            (local.set $q3 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r3)) (local.get $c2)))
            (local.set $q4 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r4)) (local.get $c2)))
            (local.set $q5 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r5)) (local.get $c2)))
            (local.set $q6 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r6)) (local.get $c2)))
            (local.set $q7 (f32x4.add (f32x4.mul (local.get $c1) (local.get $r7)) (local.get $c2)))
            (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $r0)) (local.get $c3)))
            (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $r1)) (local.get $c3)))
            (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $r2)) (local.get $c3)))
            (local.set $q3 (f32x4.add (f32x4.mul (local.get $q3) (local.get $r3)) (local.get $c3)))
            (local.set $q4 (f32x4.add (f32x4.mul (local.get $q4) (local.get $r4)) (local.get $c3)))
            (local.set $q5 (f32x4.add (f32x4.mul (local.get $q5) (local.get $r5)) (local.get $c3)))
            (local.set $q6 (f32x4.add (f32x4.mul (local.get $q6) (local.get $r6)) (local.get $c3)))
            (local.set $q7 (f32x4.add (f32x4.mul (local.get $q7) (local.get $r7)) (local.get $c3)))
            (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $r0)) (local.get $c4)))
            (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $r1)) (local.get $c4)))
            (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $r2)) (local.get $c4)))
            (local.set $q3 (f32x4.add (f32x4.mul (local.get $q3) (local.get $r3)) (local.get $c4)))
            (local.set $q4 (f32x4.add (f32x4.mul (local.get $q4) (local.get $r4)) (local.get $c4)))
            (local.set $q5 (f32x4.add (f32x4.mul (local.get $q5) (local.get $r5)) (local.get $c4)))
            (local.set $q6 (f32x4.add (f32x4.mul (local.get $q6) (local.get $r6)) (local.get $c4)))
            (local.set $q7 (f32x4.add (f32x4.mul (local.get $q7) (local.get $r7)) (local.get $c4)))
            (local.set $q0 (f32x4.add (f32x4.mul (local.get $q0) (local.get $r0)) (local.get $c5)))
            (local.set $q1 (f32x4.add (f32x4.mul (local.get $q1) (local.get $r1)) (local.get $c5)))
            (local.set $q2 (f32x4.add (f32x4.mul (local.get $q2) (local.get $r2)) (local.get $c5)))
            (local.set $q3 (f32x4.add (f32x4.mul (local.get $q3) (local.get $r3)) (local.get $c5)))
            (local.set $q4 (f32x4.add (f32x4.mul (local.get $q4) (local.get $r4)) (local.get $c5)))
            (local.set $q5 (f32x4.add (f32x4.mul (local.get $q5) (local.get $r5)) (local.get $c5)))
            (local.set $q6 (f32x4.add (f32x4.mul (local.get $q6) (local.get $r6)) (local.get $c5)))
            (local.set $q7 (f32x4.add (f32x4.mul (local.get $q7) (local.get $r7)) (local.get $c5)))
            (local.set $q0 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r0) (local.get $r0)) (local.get $q0)) (local.get $r0)) (local.get $one)))
            (local.set $q1 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r1) (local.get $r1)) (local.get $q1)) (local.get $r1)) (local.get $one)))
            (local.set $q2 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r2) (local.get $r2)) (local.get $q2)) (local.get $r2)) (local.get $one)))
            (local.set $q3 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r3) (local.get $r3)) (local.get $q3)) (local.get $r3)) (local.get $one)))
            (local.set $q4 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r4) (local.get $r4)) (local.get $q4)) (local.get $r4)) (local.get $one)))
            (local.set $q5 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r5) (local.get $r5)) (local.get $q5)) (local.get $r5)) (local.get $one)))
            (local.set $q6 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r6) (local.get $r6)) (local.get $q6)) (local.get $r6)) (local.get $one)))
            (local.set $q7 (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $r7) (local.get $r7)) (local.get $q7)) (local.get $r7)) (local.get $one)))
            ;; bits(t) = bits(1.5 * 2^23) + 127 + k, and bits(1.5 * 2^23) << 23 is 0 mod 2^32: bits(t) << 23 is 2^k.
            (v128.store offset=0 (local.get $p) (f32x4.mul (local.get $q0) (i32x4.shl (local.get $t0) (i32.const 23))))
            (v128.store offset=16 (local.get $p) (f32x4.mul (local.get $q1) (i32x4.shl (local.get $t1) (i32.const 23))))
            (v128.store offset=32 (local.get $p) (f32x4.mul (local.get $q2) (i32x4.shl (local.get $t2) (i32.const 23))))
            (v128.store offset=48 (local.get $p) (f32x4.mul (local.get $q3) (i32x4.shl (local.get $t3) (i32.const 23))))
            (v128.store offset=64 (local.get $p) (f32x4.mul (local.get $q4) (i32x4.shl (local.get $t4) (i32.const 23))))
            (v128.store offset=80 (local.get $p) (f32x4.mul (local.get $q5) (i32x4.shl (local.get $t5) (i32.const 23))))
            (v128.store offset=96 (local.get $p) (f32x4.mul (local.get $q6) (i32x4.shl (local.get $t6) (i32.const 23))))
            (v128.store offset=112 (local.get $p) (f32x4.mul (local.get $q7) (i32x4.shl (local.get $t7) (i32.const 23)))))
          (else
            (call $expStore4 (i32.add (local.get $p) (i32.const 0)) (local.get $x0))
            (call $expStore4 (i32.add (local.get $p) (i32.const 16)) (local.get $x1))
            (call $expStore4 (i32.add (local.get $p) (i32.const 32)) (local.get $x2))
            (call $expStore4 (i32.add (local.get $p) (i32.const 48)) (local.get $x3))
            (call $expStore4 (i32.add (local.get $p) (i32.const 64)) (local.get $x4))
            (call $expStore4 (i32.add (local.get $p) (i32.const 80)) (local.get $x5))
            (call $expStore4 (i32.add (local.get $p) (i32.const 96)) (local.get $x6))
            (call $expStore4 (i32.add (local.get $p) (i32.const 112)) (local.get $x7))))
        (local.set $p (i32.add (local.get $p) (i32.const 128)))
        (br $wide)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $p) (local.get $vend)))
        (call $expStore4 (local.get $p) (v128.load (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (f32.store (local.get $p) (call $exp32 (f32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail))))

  ;; Max of n float32 values; nan if any is nan (f32x4.max propagates it), as torch's max.
  (func $rowMax (param $p i32) (param $n i32) (result f32)
    (local $end i32) (local $vend i32) (local $mv v128) (local $m f32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (local.set $mv (v128.const f32x4 -inf -inf -inf -inf))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $mv (f32x4.max (local.get $mv) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vec)))
    (local.set $m
      (f32.max
        (f32.max (f32x4.extract_lane 0 (local.get $mv)) (f32x4.extract_lane 1 (local.get $mv)))
        (f32.max (f32x4.extract_lane 2 (local.get $mv)) (f32x4.extract_lane 3 (local.get $mv)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $m (f32.max (local.get $m) (f32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail)))
    (local.get $m))

  ;; Sum of n float32 values, accumulated in double (two f64x2 accumulators per 4 lanes).
  (func $rowSum (param $p i32) (param $n i32) (result f64)
    (local $end i32) (local $vend i32) (local $v v128) (local $a v128) (local $b v128) (local $s f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $p) (local.get $vend)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $a (f64x2.add (local.get $a) (f64x2.promote_low_f32x4 (local.get $v))))
        (local.set $b (f64x2.add (local.get $b)
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vec)))
    (local.set $a (f64x2.add (local.get $a) (local.get $b)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.promote_f32 (f32.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail)))
    (local.get $s))

  ;; Row sums: $rows rows of $cols float32 values at $p; doubles written at $out.
  (func (export "sum_rows_f32") (param $p i32) (param $rows i32) (param $cols i32) (param $out i32)
    (local $r i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (f64.store (local.get $out) (call $rowSum (local.get $p) (local.get $cols)))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; In place, one row: softmax (log_form 0) or log-softmax (log_form 1), max-shifted like
  ;; torch's last-dim kernel (AVX2, 8 float lanes), in its order: s = sum of exp(x - m) in
  ;; float32, as its reduce_all adds them (under 8 values: in order; else lane-wise over whole
  ;; 8-value blocks, the tail into the first lanes, then the lanes as a tree: halves, pairs,
  ;; neighbours); softmax is exp(x - m) * (1 / s), log-softmax (x - m) - log(s). The 32 bytes
  ;; at $scratch hold the 8 lane sums. exp(x - m) is stored in place for softmax.
  (func $softmaxRow (param $p i32) (param $n i32) (param $logForm i32) (param $scratch i32)
    (local $m f32) (local $mv v128) (local $q i32) (local $end i32) (local $bend i32) (local $k i32)
    (local $lo v128) (local $hi v128) (local $e v128) (local $e1 v128) (local $s f32) (local $x f32)
    (local $scale v128) (local $shift f32)
    (local.set $m (call $rowMax (local.get $p) (local.get $n)))
    (local.set $mv (f32x4.splat (local.get $m)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.lt_u (local.get $n) (i32.const 8))
      (then
        (local.set $q (local.get $p))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $x (call $exp32 (f32.sub (f32.load (local.get $q)) (local.get $m))))
            (if (i32.eqz (local.get $logForm)) (then (f32.store (local.get $q) (local.get $x))))
            (local.set $s (f32.add (local.get $s) (local.get $x)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $each))))
      (else
        (local.set $bend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
        (local.set $q (local.get $p))
        (block $done
          (loop $block
            (br_if $done (i32.ge_u (local.get $q) (local.get $bend)))
            (local.set $e (call $expAny (f32x4.sub (v128.load (local.get $q)) (local.get $mv))))
            (local.set $e1 (call $expAny (f32x4.sub (v128.load offset=16 (local.get $q)) (local.get $mv))))
            (if (i32.eqz (local.get $logForm))
              (then
                (v128.store (local.get $q) (local.get $e))
                (v128.store offset=16 (local.get $q) (local.get $e1))))
            (local.set $lo (f32x4.add (local.get $lo) (local.get $e)))
            (local.set $hi (f32x4.add (local.get $hi) (local.get $e1)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br $block)))
        (v128.store (local.get $scratch) (local.get $lo))
        (v128.store offset=16 (local.get $scratch) (local.get $hi))
        ;; The tail adds into lanes 0, 1, ... of the lane sums.
        (local.set $k (local.get $scratch))
        (block $done
          (loop $tail
            (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $x (call $exp32 (f32.sub (f32.load (local.get $q)) (local.get $m))))
            (if (i32.eqz (local.get $logForm)) (then (f32.store (local.get $q) (local.get $x))))
            (f32.store (local.get $k) (f32.add (f32.load (local.get $k)) (local.get $x)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $tail)))
        ;; Lanes i + (i + 4), then (0 + 2) + (1 + 3).
        (local.set $e (f32x4.add (v128.load (local.get $scratch)) (v128.load offset=16 (local.get $scratch))))
        (local.set $s
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $e)) (f32x4.extract_lane 2 (local.get $e)))
            (f32.add (f32x4.extract_lane 1 (local.get $e)) (f32x4.extract_lane 3 (local.get $e)))))))
    (local.set $bend (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (if (local.get $logForm)
      (then
        (local.set $shift (f32.demote_f64 (call $log (f64.promote_f32 (local.get $s)))))
        (local.set $scale (f32x4.splat (local.get $shift)))
        (local.set $q (local.get $p))
        (block $done
          (loop $vec
            (br_if $done (i32.ge_u (local.get $q) (local.get $bend)))
            (v128.store (local.get $q)
              (f32x4.sub (f32x4.sub (v128.load (local.get $q)) (local.get $mv)) (local.get $scale)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $vec)))
        (block $done
          (loop $tail
            (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
            (f32.store (local.get $q)
              (f32.sub (f32.sub (f32.load (local.get $q)) (local.get $m)) (local.get $shift)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $tail))))
      (else
        (local.set $scale (f32x4.splat (f32.div (f32.const 1) (local.get $s))))
        (local.set $q (local.get $p))
        (block $done
          (loop $vec
            (br_if $done (i32.ge_u (local.get $q) (local.get $bend)))
            (v128.store (local.get $q) (f32x4.mul (v128.load (local.get $q)) (local.get $scale)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $vec)))
        (block $done
          (loop $tail
            (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
            (f32.store (local.get $q) (f32.mul (f32.load (local.get $q)) (f32x4.extract_lane 0 (local.get $scale))))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $tail))))))

  ;; In place: $rows rows of $cols float32 values at $p.
  ;; $scratch: 32 bytes outside the rows, for the lane sums.
  (func (export "softmax_rows_f32") (param $p i32) (param $rows i32) (param $cols i32) (param $logForm i32) (param $scratch i32)
    (local $r i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (call $softmaxRow (local.get $p) (local.get $cols) (local.get $logForm) (local.get $scratch))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))))
