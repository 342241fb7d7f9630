package org.example.mgmtobj.api;

/** Request optionality of an attribute in a CREATE or an UPDATE (TS-0004 clause 7.4.15, tables 7.4.15.1-x). */
public enum Optionality {
    /** Mandatory: the request is refused without it. */
    M,
    /** Optional. */
    O,
    /** Not permitted: the request is refused if it carries it. */
    NP
}
