/**
 * Data structures in stable memory that survive upgrades with no {@code pre_upgrade} work, in the
 * layouts of dfinity/stable-structures: {@link dev.icjava.stable.MemoryManager} (up to 255 memories
 * in one), {@link dev.icjava.stable.StableBTreeMap}, {@link dev.icjava.stable.StableCell}, {@link
 * dev.icjava.stable.StableVec} and {@link dev.icjava.stable.StableLog}, storing values through a
 * {@link dev.icjava.stable.Storable}. Every layout is drawn at the top of the class that owns it.
 */
package dev.icjava.stable;
