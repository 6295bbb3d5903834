/**
 * Who calls: {@link dev.icjava.callerauth.Principal}, the IC's identity value, and {@link
 * dev.icjava.callerauth.Caller}, the sender of the current message.
 */
package dev.icjava.callerauth;
