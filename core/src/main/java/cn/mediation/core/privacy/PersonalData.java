package cn.mediation.core.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text component (or a list of texts) as personal information under PIPL. The event store finds every
 * marked field by walking the stored payload's class ({@link PersonalFields}), so a new personal field is encrypted
 * the moment it is marked: there is no second list to keep in step. Only the type that declares the data is
 * marked; events and aggregates that hold it (a list of parties, a registration kept in a snapshot) need nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {
}
