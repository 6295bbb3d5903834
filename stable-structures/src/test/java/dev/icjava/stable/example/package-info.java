/** The canister of {@code docs/stable-structures.md}: {@code Guestbook}, run by {@code GuestbookTest}. */
package dev.icjava.stable.example;
