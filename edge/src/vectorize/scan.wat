;; The stand-in's brute-force scan as a WebAssembly SIMD kernel. Assembled into scan.wasm
;; (committed, a few hundred bytes) by `npx tsx edge/scripts/assemble-scan.ts`; a test checks the
;; two never drift apart. Every address is a byte offset into the exported memory.
;; - `scan` / `scan_at`: exact float32 dot products or squared L2 distances (f32x4), over every row
;;   or over the rows listed by slot. Rows are `dims` float32 each.
;; - `scan_i8`: the first pass of a dot-product query, over int8 copies of the rows (a quarter of
;;   the bytes: at 100k x 64 the float scan is bound by memory, not arithmetic) against an int16
;;   query, exact integer sums (i32x4.dot_i16x8_s) scaled back; store.ts bounds its error.
;; - `scan_i8_above`: the same scores for rows [from, n), but only those at or above a floor are
;;   written, as (slot, score) pairs: the rest of the first pass never reaches JavaScript.
(module
  (memory (export "memory") 1)

  (func $hsum (param $x v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $x)) (f32x4.extract_lane 1 (local.get $x)))
      (f32.add (f32x4.extract_lane 2 (local.get $x)) (f32x4.extract_lane 3 (local.get $x)))))

  ;; dot(q, row) (mode 0) or squared L2 distance (mode 1) of one row of `dims` float32.
  (func $row (param $mode i32) (param $q i32) (param $row i32) (param $dims i32) (result f32)
    (local $j i32) (local $bytes i32) (local $end8 i32) (local $end4 i32)
    (local $a v128) (local $b v128) (local $x v128) (local $y v128) (local $s f32) (local $d f32)
    (local.set $bytes (i32.shl (local.get $dims) (i32.const 2)))
    (local.set $end8 (i32.shl (i32.and (local.get $dims) (i32.const -8)) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $dims) (i32.const -4)) (i32.const 2)))
    ;; Eight lanes a step in two accumulators, so the adds of one do not wait on the other.
    (block $d8 (loop $l8
      (br_if $d8 (i32.ge_u (local.get $j) (local.get $end8)))
      (local.set $x (v128.load (i32.add (local.get $q) (local.get $j))))
      (local.set $y (v128.load (i32.add (local.get $row) (local.get $j))))
      (if (local.get $mode) (then (local.set $x (f32x4.sub (local.get $x) (local.get $y)))
                                  (local.set $y (local.get $x))))
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $x) (local.get $y))))
      (local.set $x (v128.load offset=16 (i32.add (local.get $q) (local.get $j))))
      (local.set $y (v128.load offset=16 (i32.add (local.get $row) (local.get $j))))
      (if (local.get $mode) (then (local.set $x (f32x4.sub (local.get $x) (local.get $y)))
                                  (local.set $y (local.get $x))))
      (local.set $b (f32x4.add (local.get $b) (f32x4.mul (local.get $x) (local.get $y))))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br $l8)))
    (if (i32.lt_u (local.get $j) (local.get $end4)) (then
      (local.set $x (v128.load (i32.add (local.get $q) (local.get $j))))
      (local.set $y (v128.load (i32.add (local.get $row) (local.get $j))))
      (if (local.get $mode) (then (local.set $x (f32x4.sub (local.get $x) (local.get $y)))
                                  (local.set $y (local.get $x))))
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $x) (local.get $y))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))))
    (local.set $s (call $hsum (f32x4.add (local.get $a) (local.get $b))))
    ;; The last dims % 4 values one at a time.
    (block $dt (loop $lt
      (br_if $dt (i32.ge_u (local.get $j) (local.get $bytes)))
      (local.set $d (f32.load (i32.add (local.get $q) (local.get $j))))
      (if (local.get $mode)
        (then (local.set $d (f32.sub (local.get $d) (f32.load (i32.add (local.get $row) (local.get $j)))))
              (local.set $s (f32.add (local.get $s) (f32.mul (local.get $d) (local.get $d)))))
        (else (local.set $s (f32.add (local.get $s)
                (f32.mul (local.get $d) (f32.load (i32.add (local.get $row) (local.get $j))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $lt)))
    (local.get $s))

  ;; out[i] = $row(row i), for n rows at v.
  (func (export "scan")
    (param $mode i32) (param $q i32) (param $v i32) (param $n i32) (param $dims i32) (param $out i32)
    (local $i i32) (local $bytes i32) (local $row i32)
    (local.set $bytes (i32.shl (local.get $dims) (i32.const 2)))
    (local.set $row (local.get $v))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
        (call $row (local.get $mode) (local.get $q) (local.get $row) (local.get $dims)))
      (local.set $row (i32.add (local.get $row) (local.get $bytes)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; out[i] = $row(row slots[i]), for the n slots (i32) at `slots`.
  (func (export "scan_at")
    (param $mode i32) (param $q i32) (param $v i32) (param $slots i32) (param $n i32) (param $dims i32)
    (param $out i32)
    (local $i i32) (local $at i32)
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (f32.store (i32.add (local.get $out) (local.get $at))
        (call $row (local.get $mode) (local.get $q)
          (i32.add (local.get $v)
            (i32.mul (i32.load (i32.add (local.get $slots) (local.get $at))) (i32.shl (local.get $dims) (i32.const 2))))
          (local.get $dims)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; out[i] = f32(sum_j q16[j] * codes_i[j]) * scales[i] * qscale, for n rows of `stride` int8 codes
  ;; (a multiple of 16, zero padded) at `codes`; q16 holds `stride` int16 values.
  (func (export "scan_i8")
    (param $q i32) (param $codes i32) (param $n i32) (param $stride i32) (param $scales i32)
    (param $qscale f32) (param $out i32)
    (local $i i32) (local $j i32) (local $row i32) (local $a v128) (local $b v128) (local $x v128)
    (local $qq i32)
    (local.set $row (local.get $codes))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $a (v128.const i32x4 0 0 0 0))
      (local.set $b (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $x (v128.load (i32.add (local.get $row) (local.get $j))))
        (local.set $qq (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1))))
        (local.set $a (i32x4.add (local.get $a)
          (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (v128.load (local.get $qq)))))
        (local.set $b (i32x4.add (local.get $b)
          (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (v128.load offset=16 (local.get $qq)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $lj)))
      (local.set $a (i32x4.add (local.get $a) (local.get $b)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
        (f32.mul
          (f32.mul
            (f32.convert_i32_s
              (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $a)) (i32x4.extract_lane 1 (local.get $a)))
                (i32.add (i32x4.extract_lane 2 (local.get $a)) (i32x4.extract_lane 3 (local.get $a)))))
            (f32.load (i32.add (local.get $scales) (i32.shl (local.get $i) (i32.const 2)))))
          (local.get $qscale)))
      (local.set $row (i32.add (local.get $row) (local.get $stride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows))))

  ;; Rows i in [from, n) whose scan_i8 score (computed exactly as there) is >= $floor: their slots
  ;; to `slots` (i32) and scores to `out` (f32), in slot order; returns how many.
  (func (export "scan_i8_above")
    (param $q i32) (param $codes i32) (param $from i32) (param $n i32) (param $stride i32)
    (param $scales i32) (param $qscale f32) (param $floor f64) (param $slots i32) (param $out i32)
    (result i32)
    (local $i i32) (local $j i32) (local $row i32) (local $a v128) (local $b v128) (local $x v128)
    (local $qq i32) (local $s f32) (local $k i32)
    (local.set $i (local.get $from))
    (local.set $row (i32.add (local.get $codes) (i32.mul (local.get $from) (local.get $stride))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $a (v128.const i32x4 0 0 0 0))
      (local.set $b (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $x (v128.load (i32.add (local.get $row) (local.get $j))))
        (local.set $qq (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1))))
        (local.set $a (i32x4.add (local.get $a)
          (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (v128.load (local.get $qq)))))
        (local.set $b (i32x4.add (local.get $b)
          (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (v128.load offset=16 (local.get $qq)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $lj)))
      (local.set $a (i32x4.add (local.get $a) (local.get $b)))
      (local.set $s
        (f32.mul
          (f32.mul
            (f32.convert_i32_s
              (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $a)) (i32x4.extract_lane 1 (local.get $a)))
                (i32.add (i32x4.extract_lane 2 (local.get $a)) (i32x4.extract_lane 3 (local.get $a)))))
            (f32.load (i32.add (local.get $scales) (i32.shl (local.get $i) (i32.const 2)))))
          (local.get $qscale)))
      (if (f64.ge (f64.promote_f32 (local.get $s)) (local.get $floor)) (then
        (i32.store (i32.add (local.get $slots) (i32.shl (local.get $k) (i32.const 2))) (local.get $i))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2))) (local.get $s))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))))
      (local.set $row (i32.add (local.get $row) (local.get $stride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
    (local.get $k))
)
