;; blendWithPlan's inner loop (src/photo/blendPlan.ts) in WebAssembly SIMD: one planned pixel per turn, its R, G, B and
;; alpha in the four lanes of one f32x4. Assembled by scripts/build-blend-kernel.sh into blendKernelWasm.ts.
;; Memory (laid out by blendKernel.ts): the change as 4 f32 per cell of the zero-padded layer (R, G, B, anything; the
;; fourth lane is dropped), the patch's bytes, the output bytes, and per planned pixel its byte offset (i32), the address
;; of its top-left cell (i32) and its four weights (f32).
(module
  (memory (export "memory") 1)
  ;; For the n planned pixels: out[o + c] = base[o + c] + the four weighted corners' change, rounded half to even and
  ;; clipped to 0..255, for c = R, G, B; alpha is base's. Pixels outside the plan are not written.
  (func (export "blend")
    (param $n i32) (param $offsets i32) (param $cells i32) (param $weights i32)
    (param $base i32) (param $out i32) (param $rowBytes i32)
    (local $end i32) (local $o i32) (local $c i32) (local $w v128) (local $acc v128) (local $v v128)
    (if (i32.eqz (local.get $n)) (then (return)))
    (local.set $end (i32.add (local.get $offsets) (i32.shl (local.get $n) (i32.const 2))))
    (loop $pixel
      (local.set $o (i32.load (local.get $offsets)))
      (local.set $c (i32.load (local.get $cells)))
      (local.set $w (v128.load (local.get $weights)))
      ;; top left, top right, then a row down: bottom left, bottom right (the order blendWithPlan sums in)
      (local.set $acc
        (f32x4.mul (v128.load (local.get $c))
          (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $w) (local.get $w))))
      (local.set $acc
        (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load offset=16 (local.get $c))
            (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $w) (local.get $w)))))
      (local.set $c (i32.add (local.get $c) (local.get $rowBytes)))
      (local.set $acc
        (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load (local.get $c))
            (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $w) (local.get $w)))))
      (local.set $acc
        (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load offset=16 (local.get $c))
            (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $w) (local.get $w)))))
      ;; base's four bytes as f32, plus the change with its fourth lane zeroed, clipped to 0..255 (NaN gives 0: the
      ;; comparisons are false) and added to 1.5 * 2^23, where floats are whole numbers: the sum is rounded to the
      ;; nearest (ties to even) and its lowest byte is the value.
      (local.set $v
        (f32x4.add
          (f32x4.pmin (v128.const f32x4 255 255 255 255)
            (f32x4.pmax (v128.const f32x4 0 0 0 0)
              (f32x4.add
                (f32x4.convert_i32x4_s
                  (i32x4.extend_low_i16x8_u
                    (i16x8.extend_low_i8x16_u (v128.load32_zero (i32.add (local.get $base) (local.get $o))))))
                (v128.and (local.get $acc) (v128.const i32x4 -1 -1 -1 0)))))
          (v128.const f32x4 12582912 12582912 12582912 12582912)))
      (v128.store32_lane 0
        (i32.add (local.get $out) (local.get $o))
        (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 (local.get $v) (local.get $v)))
      (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
      (local.set $cells (i32.add (local.get $cells) (i32.const 4)))
      (local.set $weights (i32.add (local.get $weights) (i32.const 16)))
      (br_if $pixel (i32.lt_u (local.get $offsets) (local.get $end))))))
