;; warpWithPlan's per-frame loop (src/photo/warpBlend.ts) in WebAssembly SIMD: one planned pixel per turn, its R, G, B
;; and alpha in the four lanes of an f32x4. Assembled by scripts/build-warp-kernel.sh into warpKernelWasm.ts.
;; Memory (laid out by warpKernel.ts, every part 16-byte aligned):
;;   the fields, 8 f32 per field pixel: [u, v, gain, 0, residual R, G, B, 0], so a corner is two v128 loads;
;;   the patch's bytes (RGBA, alpha 255), then the output bytes (so the 8-byte loads of a pixel stay in memory);
;;   a 32-byte record per planned pixel: f32 x, y (its column and row), fx, fy (where it falls in its field cell),
;;   i32 its byte offset in the patch, i32 the address of its top-left field pixel, f32 its weight, 4 bytes unused.
;; Bilinear reads are lerps (a + t (b - a): one corner's value comes back exactly where t is 0 or 1), not warpWithPlan's
;; four weights: the same value but for the last bits of an f32, which move a byte only on a rounding tie.
(module
  (memory (export "memory") 1)
  ;; For the n records from $records: out[o..o+3] = own + weight * (base(source) * gain + residual - own), rounded half
  ;; to even and clipped to 0..255, alpha 255. Pixels without a record are not written. The patch is $width x $height,
  ;; both at least 2 (the source's neighbours exist) and under 2^23; the jacobian is warpBlend's [a, b, c, d].
  (func (export "warp")
    (param $n i32) (param $records i32) (param $base i32) (param $out i32)
    (param $width i32) (param $height i32) (param $fieldRow i32)
    (param $ja f32) (param $jb f32) (param $jc f32) (param $jd f32)
    (local $end i32) (local $row i32) (local $o i32) (local $c i32) (local $s i32)
    (local $j1 v128) (local $j2 v128) (local $hi v128) (local $lim v128)
    (local $p v128) (local $t v128) (local $a v128) (local $b v128) (local $f1 v128) (local $f2 v128)
    (local $pt v128) (local $fl v128) (local $m v128) (local $own v128)
    (if (i32.eqz (local.get $n)) (then (return)))
    (local.set $end (i32.add (local.get $records) (i32.shl (local.get $n) (i32.const 5))))
    (local.set $row (i32.shl (local.get $width) (i32.const 2)))
    ;; [a, c, 0, 0] and [b, d, 0, 0]: lanes 0 and 1 of (x, y) + J (u, v) are the source's x and y.
    (local.set $j1
      (v128.and (f32x4.replace_lane 1 (f32x4.splat (local.get $ja)) (local.get $jc)) (v128.const i32x4 -1 -1 0 0)))
    (local.set $j2
      (v128.and (f32x4.replace_lane 1 (f32x4.splat (local.get $jb)) (local.get $jd)) (v128.const i32x4 -1 -1 0 0)))
    ;; The source is clamped to [0, width - 1] x [0, height - 1]; its top-left neighbour to [0, width - 2] x ...
    (local.set $hi
      (f32x4.replace_lane 1
        (f32x4.splat (f32.convert_i32_s (i32.sub (local.get $width) (i32.const 1))))
        (f32.convert_i32_s (i32.sub (local.get $height) (i32.const 1)))))
    (local.set $lim (f32x4.sub (local.get $hi) (v128.const f32x4 1 1 1 1)))
    (loop $pixel
      (local.set $p (v128.load (local.get $records)))
      (local.set $o (i32.load offset=16 (local.get $records)))
      (local.set $c (i32.load offset=20 (local.get $records)))
      ;; The fields here, between the four field pixels around it: across by fx (u, v, gain into $a on the top row and
      ;; $b on the bottom one, the residual into $f2 and $m), then down by fy.
      (local.set $t (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $p) (local.get $p)))
      (local.set $a (v128.load (local.get $c)))
      (local.set $a
        (f32x4.add (local.get $a)
          (f32x4.mul (local.get $t) (f32x4.sub (v128.load offset=32 (local.get $c)) (local.get $a)))))
      (local.set $f2 (v128.load offset=16 (local.get $c)))
      (local.set $f2
        (f32x4.add (local.get $f2)
          (f32x4.mul (local.get $t) (f32x4.sub (v128.load offset=48 (local.get $c)) (local.get $f2)))))
      (local.set $c (i32.add (local.get $c) (local.get $fieldRow)))
      (local.set $b (v128.load (local.get $c)))
      (local.set $b
        (f32x4.add (local.get $b)
          (f32x4.mul (local.get $t) (f32x4.sub (v128.load offset=32 (local.get $c)) (local.get $b)))))
      (local.set $m (v128.load offset=16 (local.get $c)))
      (local.set $m
        (f32x4.add (local.get $m)
          (f32x4.mul (local.get $t) (f32x4.sub (v128.load offset=48 (local.get $c)) (local.get $m)))))
      (local.set $t (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $p) (local.get $p)))
      (local.set $f1 (f32x4.add (local.get $a) (f32x4.mul (local.get $t) (f32x4.sub (local.get $b) (local.get $a)))))
      (local.set $f2 (f32x4.add (local.get $f2) (f32x4.mul (local.get $t) (f32x4.sub (local.get $m) (local.get $f2)))))
      ;; The source: (x, y) + a u + b v, clamped to the patch (pmax first: NaN gives 0), its top-left neighbour (the
      ;; last but one at the far edges, where the fraction is then 1) and the fractions.
      (local.set $pt
        (f32x4.add
          (f32x4.add (local.get $p)
            (f32x4.mul (local.get $j1)
              (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $f1) (local.get $f1))))
          (f32x4.mul (local.get $j2)
            (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $f1) (local.get $f1)))))
      (local.set $pt (f32x4.pmin (local.get $hi) (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $pt))))
      (local.set $fl (f32x4.pmin (local.get $lim) (f32x4.floor (local.get $pt))))
      (local.set $pt (f32x4.sub (local.get $pt) (local.get $fl)))
      ;; Whole floats below 2^23 plus 2^23: the integer is in the low bits.
      (local.set $fl
        (i32x4.sub
          (f32x4.add (local.get $fl) (v128.const f32x4 8388608 8388608 8388608 8388608))
          (v128.const i32x4 0x4b000000 0x4b000000 0x4b000000 0x4b000000)))
      (local.set $s
        (i32.add (local.get $base)
          (i32.add
            (i32.mul (i32x4.extract_lane 1 (local.get $fl)) (local.get $row))
            (i32.shl (i32x4.extract_lane 0 (local.get $fl)) (i32.const 2)))))
      ;; The four neighbours, two a row: 8 bytes -> 8 u16 -> two pixels of 4 i32 -> f32; across, then down.
      (local.set $t (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $pt) (local.get $pt)))
      (local.set $m (v128.load8x8_u (local.get $s)))
      (local.set $a (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $m))))
      (local.set $a
        (f32x4.add (local.get $a)
          (f32x4.mul (local.get $t)
            (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $m))) (local.get $a)))))
      (local.set $m (v128.load8x8_u (i32.add (local.get $s) (local.get $row))))
      (local.set $b (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $m))))
      (local.set $b
        (f32x4.add (local.get $b)
          (f32x4.mul (local.get $t)
            (f32x4.sub (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $m))) (local.get $b)))))
      (local.set $m
        (f32x4.add (local.get $a)
          (f32x4.mul
            (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $pt) (local.get $pt))
            (f32x4.sub (local.get $b) (local.get $a)))))
      (local.set $own
        (f32x4.convert_i32x4_s
          (i32x4.extend_low_i16x8_u (v128.load8x8_u (i32.add (local.get $base) (local.get $o))))))
      ;; own + weight * (moved * gain + residual - own) (the residual's fourth lane is 0; alpha is set below), clipped
      ;; to 0..255 (pmax first: NaN gives 0, as in a Uint8ClampedArray) and added to 1.5 * 2^23, where floats are whole
      ;; numbers: the sum is rounded half to even (Uint8ClampedArray's rounding) and its lowest byte is the value.
      (local.set $m
        (f32x4.add
          (f32x4.pmin (v128.const f32x4 255 255 255 255)
            (f32x4.pmax (v128.const f32x4 0 0 0 0)
              (f32x4.add (local.get $own)
                (f32x4.mul (v128.load32_splat offset=24 (local.get $records))
                  (f32x4.sub
                    (f32x4.add
                      (f32x4.mul (local.get $m)
                        (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $f1) (local.get $f1)))
                      (local.get $f2))
                    (local.get $own))))))
          (v128.const f32x4 12582912 12582912 12582912 12582912)))
      (i32.store
        (i32.add (local.get $out) (local.get $o))
        (i32.or
          (i32x4.extract_lane 0 (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 (local.get $m) (local.get $m)))
          (i32.const 0xff000000)))
      (local.set $records (i32.add (local.get $records) (i32.const 32)))
      (br_if $pixel (i32.lt_u (local.get $records) (local.get $end))))))
