// For tests in Node, which has no ImageBitmap: stands in for a decoded image, whose size the engine reads and whose
// owner must close it.
export class TestBitmap {
  closed = false;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}
  close(): void {
    this.closed = true;
  }
}

/** A TestBitmap typed as the ImageBitmap the code under test takes, still showing whether it was closed. */
export function testBitmap(width = 64, height = 64): ImageBitmap & TestBitmap {
  return new TestBitmap(width, height) as unknown as ImageBitmap & TestBitmap;
}
