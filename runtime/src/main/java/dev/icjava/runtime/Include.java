package dev.icjava.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Takes a library's entry points into the canister: on a {@code static final} field of the
 * canister class, it makes every public instance method of the field's type annotated with {@link
 * Query}, {@link Update} or {@link CompositeQuery} an entry point of the canister, called on the
 * field's value. The methods must be typed (a result, parameters or both): the build generates
 * their Candid glue and puts them in the canister's {@code .did} beside its own methods.
 *
 * <pre>{@code
 * @Include
 * static final IdentityAttributesSignIn SIGN_IN = IdentityAttributesSignIn.create(Profiles::onVerified);
 * }</pre>
 *
 * <p>This is how a library gives a canister methods that frontends already call by name (a
 * Motoko {@code mixin}'s {@code include}, or a Rust attribute macro). Two entry points of one name,
 * the canister's own or included, fail the build, and so does an instance method of the type so
 * annotated that is not public (it would not be included), and an {@code @Include} field of another
 * class than the canister class, a helper or a superclass (it would be ignored). A field that is
 * null at run time makes each of its entry points trap with a message naming it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Include {}
