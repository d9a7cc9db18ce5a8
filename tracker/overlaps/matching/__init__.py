"""Finding overlap candidates: the initiatives' records, how alike their texts are, the signs of
coordination, the score and strength of a pair, and topics of several pairs on one problem."""
