/**
 * The canisters of {@code docs/stable-structures.md}: {@code Guestbook}, run by {@code
 * GuestbookTest}, and {@code Directory} (records stored with {@code Storable.candid}), run by {@code
 * CandidStorableTest}.
 */
package dev.icjava.stable.example;
