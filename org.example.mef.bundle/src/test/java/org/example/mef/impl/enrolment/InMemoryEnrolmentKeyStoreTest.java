package org.example.mef.impl.enrolment;

public class InMemoryEnrolmentKeyStoreTest extends EnrolmentKeyStoreContract {
    @Override
    protected EnrolmentKeyStore open() { return new InMemoryEnrolmentKeyStore(); }
}
