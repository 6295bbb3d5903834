package dev.icjava.bench;

/**
 * The figures dfinity/stable-structures publishes from its own canbench runs, read in
 * {@code benchmarks/btreemap/canbench_results.yml} at commit
 * {@code b5d1650463f477affb3d358e86b1113953fc9937}, with the benchmarks' definitions in
 * {@code benchmarks/btreemap/src/main.rs} at the same commit. canbench reports the IC's instruction
 * counter for the whole benchmarked closure; per operation here is that total over the number of
 * operations the closure runs. Their sizes differ from the map benchmark's: see {@link #NOTES}.
 */
final class RustFigures {
  private RustFigures() {}

  /** Total instructions of a canbench benchmark and the operations it runs. */
  record Published(String benchmark, long instructions, long operations) {
    long perOp() {
      return Math.round((double) instructions / operations);
    }
  }

  // u64 keys, u64 values: 10,000 random keys (insert_helper, get_helper, remove_helper; count = 10_000)
  static final Published INSERT_U64 = new Published("btreemap_v2_insert_u64_u64", 356_162_259L, 10_000);
  static final Published GET_U64 = new Published("btreemap_v2_get_u64_u64", 175_700_899L, 10_000);
  static final Published REMOVE_U64 = new Published("btreemap_v2_remove_u64_u64", 533_948_350L, 10_000);
  // unbounded keys of 0 to 31 random bytes, unbounded values of 0 to 127 random bytes (UnboundedVecN)
  static final Published INSERT_VEC = new Published("btreemap_v2_insert_vec_32_128", 634_848_625L, 10_000);
  static final Published GET_VEC = new Published("btreemap_v2_get_vec_32_128", 300_131_961L, 10_000);
  static final Published REMOVE_VEC = new Published("btreemap_v2_remove_vec_32_128", 902_750_586L, 10_000);
  // iterating a whole map of 1,000 entries (u32 keys 0..999, empty values): per 100 entries
  static final Published SCAN_1K = new Published("btreemap_v2_scan_iter_1k_0b", 980_927L, 10);

  /** The published per-operation figure closest to {@code op} on {@code kind}, or null when none is near. */
  static Long perOp(MapBench.Kind kind, MapBench.Op op) {
    Published p = switch (op) {
      case INSERT -> kind == MapBench.Kind.U64 ? INSERT_U64 : INSERT_VEC;
      case GET -> kind == MapBench.Kind.U64 ? GET_U64 : GET_VEC;
      case REMOVE -> kind == MapBench.Kind.U64 ? REMOVE_U64 : REMOVE_VEC;
      case RANGE -> kind == MapBench.Kind.U64 ? SCAN_1K : null;
    };
    return p == null ? null : p.perOp();
  }

  static final String NOTES = """
      Rust column: dfinity/stable-structures `benchmarks/btreemap/canbench_results.yml` at commit \
      b5d1650463f477affb3d358e86b1113953fc9937 (definitions in `benchmarks/btreemap/src/main.rs`), total over \
      operations, the IC's counter (compare with the IC columns). Its sizes are not ours:
      - u64: `btreemap_v2_insert_u64_u64` (356,162,259: 10,000 random keys inserted into an empty map, so \
      sizes 0 to 10,000), `btreemap_v2_get_u64_u64` (175,700,899: 10,000 gets on a map of 10,000), \
      `btreemap_v2_remove_u64_u64` (533,948,350: removing all 10,000, sizes 10,000 down to 0); the same figure \
      stands on every size row.
      - text: no String-keyed benchmark is published; the nearest is `btreemap_v2_*_vec_32_128` (unbounded keys \
      of 0 to 31 random bytes, values of 0 to 127 random bytes; insert 634,848,625, get 300,131,961, remove \
      902,750,586 for 10,000), against our 16-byte text keys and 100-byte values.
      - range: no benchmark reads 100 entries from a key; `btreemap_v2_scan_iter_1k_0b` (980,927 to iterate \
      a whole map of 1,000 u32 keys with empty values) over 10 stands in the u64 rows; none for text \
      (`range_*_1k_10kib` read 10 KiB values).
      Nothing here comes from a canister in the measured canister's situation: canbench counts the closure \
      only (no message, no Candid), as our op-minus-base difference tries to.
      """;
}
